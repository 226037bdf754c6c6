package org.consentledger.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * HTTP/1.1 POSTs to exactly the address {@link WebhookUrls} checked, never to what the URL's host
 * resolves to by the time of connecting: a name rebound to an internal address in between is not
 * reached. Over TLS the URL's host name goes as SNI and the certificate must be valid for it.
 * The socket is closed at the deadline whatever it is doing (connecting, handshaking, writing,
 * reading). Of the answer at most 4 KB are read: the status line, and the rest of a small answer
 * so that its connection can carry the next delivery to the same address (a TLS handshake costs
 * more than a delivery). Redirects are not followed: a 3xx is a status like any other.
 */
final class PinnedPost {

    static final int MAX_ANSWER_BYTES = 4096;
    /** Kept idle no longer than this: receivers commonly close theirs after 5 s (Node.js's default). */
    static final Duration KEEP_IDLE = Duration.ofSeconds(4);
    /** Kept idle per address at most: the worker's default in-flight cap per endpoint. */
    static final int MAX_IDLE_PER_ADDRESS = 8;
    /** After the status line, how long the rest of a small answer may take before the connection is dropped instead. */
    private static final int REST_OF_ANSWER_MILLIS = 1000;
    private static final Pattern STATUS_LINE = Pattern.compile("HTTP/1\\.([01]) ([1-5][0-9][0-9])(?: .*)?\r?");

    /** The receiver accepted the connection but did not answer before the deadline. */
    static final class NoAnswer extends IOException {
        NoAnswer() {
            super("no answer before the deadline");
        }
    }

    /** The connection ended before the first byte of an answer. */
    private static final class ClosedBeforeAnswering extends IOException {
        ClosedBeforeAnswering() {
            super("closed before answering");
        }
    }

    /** A kept connection the receiver had closed before reading the request: nothing was answered. */
    private static final class Stale extends IOException {
        Stale(IOException cause) {
            super("kept connection closed by the receiver", cause);
        }
    }

    /** An answer's status, and whether its connection may carry another request. */
    record Answer(int status, boolean reusable) {
    }

    /** Where connections go: one address, one name for TLS. */
    private record Address(InetSocketAddress address, String host, boolean https) {
        static Address of(WebhookUrls.Target target) {
            return new Address(target.address(), target.host(), target.https());
        }
    }

    /** A kept connection: the socket, and over TLS the TLS socket on it. */
    private record Connection(Socket socket, Socket channel, long idleSince) {
    }

    private final SSLSocketFactory tls;
    private final Duration connectTimeout;
    private final Duration deadline;
    private final ScheduledExecutorService closer;
    private final int maxIdlePerAddress;
    private final long keepIdleNanos;
    private final Map<Address, Deque<Connection>> idle = new ConcurrentHashMap<>();

    PinnedPost(SSLSocketFactory tls, Duration connectTimeout, Duration deadline, ScheduledExecutorService closer) {
        this(tls, connectTimeout, deadline, closer, MAX_IDLE_PER_ADDRESS, KEEP_IDLE);
    }

    PinnedPost(SSLSocketFactory tls, Duration connectTimeout, Duration deadline, ScheduledExecutorService closer,
            int maxIdlePerAddress, Duration keepIdle) {
        this.tls = tls;
        this.connectTimeout = connectTimeout;
        this.deadline = deadline;
        this.closer = closer;
        this.maxIdlePerAddress = maxIdlePerAddress;
        this.keepIdleNanos = keepIdle.toNanos();
        closer.scheduleWithFixedDelay(this::closeKeptTooLong, keepIdle.toMillis(), keepIdle.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private boolean keptTooLong(Connection c) {
        return System.nanoTime() - c.idleSince() > keepIdleNanos;
    }

    /** The status code the receiver answered to {@code body}, sent with {@code headers}. */
    int post(WebhookUrls.Target target, Map<String, String> headers, byte[] body) throws IOException {
        Address address = Address.of(target);
        byte[] request = request(target, headers, body);
        Connection kept = takeIdle(address);
        if (kept != null) {
            try {
                return exchange(address, kept, target, request);
            } catch (Stale stale) {
                // closed by the receiver while it was idle, so nothing was answered: once more, on a new connection
            }
        }
        return exchange(address, null, target, request);
    }

    /** How many connections are kept idle now, for all addresses. */
    int idleConnections() {
        return idle.values().stream().mapToInt(Deque::size).sum();
    }

    private int exchange(Address address, Connection kept, WebhookUrls.Target target, byte[] request) throws IOException {
        Socket socket = kept == null ? new Socket() : kept.socket();
        Socket channel = kept == null ? null : kept.channel();
        // Marked before closing: the future counts as done only after its task returns, later than the reader sees the close.
        AtomicBoolean deadlinePassed = new AtomicBoolean();
        ScheduledFuture<?> cut = closer.schedule(() -> {
            deadlinePassed.set(true);
            closeQuietly(socket);
        }, deadline.toMillis(), TimeUnit.MILLISECONDS);
        boolean reusable = false;
        try {
            if (channel == null) {
                socket.connect(target.address(), (int) connectTimeout.toMillis());
                channel = target.https() ? tls(socket, target) : socket;
            }
            OutputStream out = channel.getOutputStream();
            out.write(request);
            out.flush();
            Answer answer = answer(channel.getInputStream(), socket);
            reusable = answer.reusable();
            return answer.status();
        } catch (IOException e) {
            if (deadlinePassed.get()) {
                throw new NoAnswer();
            }
            boolean closedWhileKept = e instanceof ClosedBeforeAnswering || e instanceof SocketException;
            throw kept != null && closedWhileKept ? new Stale(e) : e;
        } finally {
            boolean inTime = cut.cancel(false);
            if (reusable && inTime) {
                giveBack(address, new Connection(socket, channel, System.nanoTime()));
            } else {
                closeQuietly(socket);
            }
        }
    }

    private SSLSocket tls(Socket connected, WebhookUrls.Target target) throws IOException {
        SSLSocket socket = (SSLSocket) tls.createSocket(connected, target.host(), target.address().getPort(), true);
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS"); // the certificate must be the URL host's
        if (!target.hostIsAddress()) {
            parameters.setServerNames(List.of(new SNIHostName(target.host())));
        }
        socket.setSSLParameters(parameters);
        socket.startHandshake();
        return socket;
    }

    private Connection takeIdle(Address address) {
        Deque<Connection> kept = idle.get(address);
        for (Connection c; kept != null && (c = kept.pollFirst()) != null; ) {
            if (!keptTooLong(c) && !c.socket().isClosed()) {
                return c;
            }
            closeQuietly(c.socket());
        }
        return null;
    }

    private void giveBack(Address address, Connection connection) {
        Deque<Connection> kept = idle.computeIfAbsent(address, a -> new ConcurrentLinkedDeque<>());
        kept.addFirst(connection);
        while (kept.size() > maxIdlePerAddress) {
            Connection extra = kept.pollLast();
            if (extra != null) {
                closeQuietly(extra.socket());
            }
        }
    }

    private void closeKeptTooLong() {
        idle.values().forEach(kept -> kept.removeIf(c -> {
            if (keptTooLong(c)) {
                closeQuietly(c.socket());
                return true;
            }
            return false;
        }));
    }

    private static byte[] request(WebhookUrls.Target target, Map<String, String> headers, byte[] body) {
        StringBuilder head = new StringBuilder("POST ").append(target.requestTarget()).append(" HTTP/1.1\r\n")
                .append("Host: ").append(target.hostHeader()).append("\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        head.append("Content-Length: ").append(body.length).append("\r\n\r\n");
        byte[] start = head.toString().getBytes(StandardCharsets.US_ASCII);
        byte[] request = Arrays.copyOf(start, start.length + body.length);
        System.arraycopy(body, 0, request, start.length, body.length);
        return request;
    }

    /** The status code of the answer's status line, which must end within its first 4 KB; nothing after it is read. */
    static int status(InputStream in) throws IOException {
        return answer(in, null).status();
    }

    /**
     * The answer's status, from its status line, which must end within the answer's first 4 KB.
     * Given the socket, the rest of the answer is read too when all of it fits in those 4 KB and
     * comes within a second, and the answer then says the connection can be kept.
     */
    static Answer answer(InputStream in, Socket socket) throws IOException {
        byte[] answer = new byte[MAX_ANSWER_BYTES];
        int length = 0;
        int lineEnd = -1;
        while (lineEnd < 0) {
            int read = length < answer.length ? in.read(answer, length, answer.length - length) : -1;
            if (read < 0 && length == 0) {
                throw new ClosedBeforeAnswering();
            }
            if (read <= 0) {
                throw new IOException("no status line within the answer's first " + MAX_ANSWER_BYTES + " bytes");
            }
            for (int i = length; i < length + read && lineEnd < 0; i++) {
                if (answer[i] == '\n') {
                    lineEnd = i;
                }
            }
            length += read;
        }
        Matcher line = STATUS_LINE.matcher(new String(answer, 0, lineEnd, StandardCharsets.ISO_8859_1));
        if (!line.matches()) {
            throw new IOException("not an HTTP/1 status line");
        }
        int status = Integer.parseInt(line.group(2));
        boolean http11 = line.group(1).equals("1");
        return new Answer(status, socket != null && http11 && restRead(in, socket, answer, length, lineEnd, status));
    }

    /** Reads the headers and a body of stated length, all within the 4 KB; whether it could. */
    private static boolean restRead(InputStream in, Socket socket, byte[] answer, int length, int lineEnd, int status) {
        try {
            socket.setSoTimeout(REST_OF_ANSWER_MILLIS);
            int bodyStart;
            while ((bodyStart = bodyStart(answer, length, lineEnd)) < 0) {
                int read = length < answer.length ? in.read(answer, length, answer.length - length) : -1;
                if (read <= 0) {
                    return false;
                }
                length += read;
            }
            long bodyLength = status == 204 || status == 304 ? 0 : -1;
            String headers = new String(answer, lineEnd + 1, bodyStart - lineEnd - 1, StandardCharsets.ISO_8859_1);
            for (String header : headers.split("\r?\n")) {
                int colon = header.indexOf(':');
                String name = colon < 0 ? "" : header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = colon < 0 ? "" : header.substring(colon + 1).trim().toLowerCase(Locale.ROOT);
                if (name.equals("connection") && value.contains("close") || name.equals("transfer-encoding")) {
                    return false;
                }
                if (name.equals("content-length") && bodyLength < 0) {
                    if (!value.matches("[0-9]{1,4}")) {
                        return false;
                    }
                    bodyLength = Integer.parseInt(value);
                }
            }
            if (bodyLength < 0 || bodyStart + bodyLength > answer.length) {
                return false;
            }
            while (length < bodyStart + bodyLength) {
                int read = in.read(answer, length, (int) (bodyStart + bodyLength - length));
                if (read <= 0) {
                    return false;
                }
                length += read;
            }
            socket.setSoTimeout(0);
            return length == bodyStart + bodyLength; // more than the answer: not a connection to send on again
        } catch (IOException e) {
            return false;
        }
    }

    /** Where the body starts, after the blank line that ends the head; -1 while that line has not come. */
    private static int bodyStart(byte[] answer, int length, int lineEnd) {
        for (int i = lineEnd; i < length; i++) {
            if (answer[i] == '\n' && i + 1 < length && answer[i + 1] == '\n') {
                return i + 2;
            }
            if (answer[i] == '\n' && i + 2 < length && answer[i + 1] == '\r' && answer[i + 2] == '\n') {
                return i + 3;
            }
        }
        return -1;
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // closing is all that was wanted
        }
    }
}
