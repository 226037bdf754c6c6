package org.consentledger.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * One HTTP/1.1 POST to exactly the address {@link WebhookUrls} checked, never to what the URL's
 * host resolves to by the time of connecting: a name rebound to an internal address in between is
 * not reached. Over TLS the URL's host name goes as SNI and the certificate must be valid for it.
 * The socket is closed at the deadline whatever it is doing (connecting, handshaking, writing,
 * reading); of the answer only the status line is read, within its first 4 KB. Redirects are not
 * followed: a 3xx is a status like any other.
 */
final class PinnedPost {

    static final int MAX_ANSWER_BYTES = 4096;
    private static final Pattern STATUS_LINE = Pattern.compile("HTTP/1\\.[01] ([1-5][0-9][0-9])(?: .*)?\r?");

    /** The receiver accepted the connection but did not answer before the deadline. */
    static final class NoAnswer extends IOException {
        NoAnswer() {
            super("no answer before the deadline");
        }
    }

    private final SSLSocketFactory tls;
    private final Duration connectTimeout;
    private final Duration deadline;
    private final ScheduledExecutorService closer;

    PinnedPost(SSLSocketFactory tls, Duration connectTimeout, Duration deadline, ScheduledExecutorService closer) {
        this.tls = tls;
        this.connectTimeout = connectTimeout;
        this.deadline = deadline;
        this.closer = closer;
    }

    /** The status code the receiver answered to {@code body}, sent with {@code headers}. */
    int post(WebhookUrls.Target target, Map<String, String> headers, byte[] body) throws IOException {
        Socket socket = new Socket();
        ScheduledFuture<?> cut = closer.schedule(() -> closeQuietly(socket), deadline.toMillis(), TimeUnit.MILLISECONDS);
        try {
            socket.connect(target.address(), (int) connectTimeout.toMillis());
            Socket channel = target.https() ? tls(socket, target) : socket;
            OutputStream out = channel.getOutputStream();
            out.write(head(target, headers, body.length));
            out.write(body);
            out.flush();
            return status(channel.getInputStream());
        } catch (IOException e) {
            throw cut.isDone() ? new NoAnswer() : e;
        } finally {
            cut.cancel(false);
            closeQuietly(socket);
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

    private static byte[] head(WebhookUrls.Target target, Map<String, String> headers, int contentLength) {
        StringBuilder head = new StringBuilder("POST ").append(target.requestTarget()).append(" HTTP/1.1\r\n")
                .append("Host: ").append(target.hostHeader()).append("\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        head.append("Content-Length: ").append(contentLength).append("\r\nConnection: close\r\n\r\n");
        return head.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** The status code of the answer's status line, which must end within its first 4 KB; nothing after it is read. */
    static int status(InputStream in) throws IOException {
        byte[] answer = new byte[MAX_ANSWER_BYTES];
        int length = 0;
        for (int read; length < answer.length && (read = in.read(answer, length, answer.length - length)) > 0; ) {
            for (int i = length; i < length + read; i++) {
                if (answer[i] == '\n') {
                    Matcher line = STATUS_LINE.matcher(new String(answer, 0, i, StandardCharsets.ISO_8859_1));
                    if (!line.matches()) {
                        throw new IOException("not an HTTP/1 status line");
                    }
                    return Integer.parseInt(line.group(1));
                }
            }
            length += read;
        }
        throw new IOException("no status line within the answer's first " + MAX_ANSWER_BYTES + " bytes");
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // closing is all that was wanted
        }
    }
}
