package org.consentledger.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

import javax.net.ssl.SSLSocketFactory;

import org.consentledger.common.DaemonThreads;
import org.consentledger.support.Ledger;
import org.junit.jupiter.api.Test;

/**
 * Deliveries to one address share a connection while its answers are small and say nothing
 * against it; anything else closes it, and a connection the receiver closed while idle costs no
 * delivery.
 */
class PinnedKeepAliveTest {

    @Test
    void deliveriesToOneAddressShareAConnection() throws Exception {
        try (RawReceiver receiver = new RawReceiver(n -> "HTTP/1.1 204 No Content\r\n\r\n", false)) {
            PinnedPost post = post(8, Duration.ofSeconds(4));
            for (int i = 0; i < 5; i++) {
                assertThat(post.post(receiver.target(), Map.of("webhook-id", "msg_" + i), body(i))).isEqualTo(204);
            }

            assertThat(receiver.connections).hasValue(1);
            assertThat(receiver.bodies).containsExactly("{\"n\":0}", "{\"n\":1}", "{\"n\":2}", "{\"n\":3}", "{\"n\":4}");
            assertThat(post.idleConnections()).isEqualTo(1);
        }
    }

    @Test
    void aSmallBodyOfStatedLengthIsReadAndTheConnectionKept() throws Exception {
        try (RawReceiver receiver = new RawReceiver(n -> "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n"
                + "Content-Length: 2\r\n\r\nok", false)) {
            PinnedPost post = post(8, Duration.ofSeconds(4));
            assertThat(post.post(receiver.target(), Map.of(), body(1))).isEqualTo(200);
            assertThat(post.post(receiver.target(), Map.of(), body(2))).isEqualTo(200);

            assertThat(receiver.connections).hasValue(1);
        }
    }

    @Test
    void answersThatCannotBeReadWithinFourKilobytesOrSayCloseEndTheirConnection() throws Exception {
        List<String> answers = List.of(
                "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n",
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\n\r\n",
                "HTTP/1.1 200 OK\r\nContent-Length: 5000\r\n\r\n" + "x".repeat(5000),
                "HTTP/1.1 200 OK\r\n\r\n",
                "HTTP/1.0 204 No Content\r\n\r\n");
        for (String answer : answers) {
            try (RawReceiver receiver = new RawReceiver(n -> answer, false)) {
                PinnedPost post = post(8, Duration.ofSeconds(4));
                assertThat(post.post(receiver.target(), Map.of(), body(1))).isEqualTo(answer.charAt(11) == '4' ? 204 : 200);
                assertThat(post.post(receiver.target(), Map.of(), body(2))).isBetween(200, 299);

                assertThat(receiver.connections).as(answer).hasValue(2);
                assertThat(post.idleConnections()).as(answer).isZero();
            }
        }
    }

    @Test
    void aConnectionTheReceiverClosedWhileIdleCostsNoDelivery() throws Exception {
        // Answers as if it kept the connection, then closes it: the next delivery finds it closed.
        try (RawReceiver receiver = new RawReceiver(n -> "HTTP/1.1 204 No Content\r\n\r\n", true)) {
            PinnedPost post = post(8, Duration.ofSeconds(4));
            for (int i = 0; i < 3; i++) {
                Thread.sleep(50); // the receiver's close arrives
                assertThat(post.post(receiver.target(), Map.of(), body(i))).isEqualTo(204);
            }

            assertThat(receiver.bodies).containsExactly("{\"n\":0}", "{\"n\":1}", "{\"n\":2}");
            assertThat(receiver.connections).hasValue(3);
        }
    }

    @Test
    void idleConnectionsAreBoundedPerAddressAndClosedAfterTheirTime() throws Exception {
        try (RawReceiver receiver = new RawReceiver(n -> "HTTP/1.1 204 No Content\r\n\r\n", false)) {
            PinnedPost post = post(2, Duration.ofMillis(300));
            List<Thread> senders = new CopyOnWriteArrayList<>();
            for (int i = 0; i < 6; i++) {
                int n = i;
                Thread sender = new Thread(() -> {
                    try {
                        post.post(receiver.target(), Map.of(), body(n));
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                });
                sender.start();
                senders.add(sender);
            }
            for (Thread sender : senders) {
                sender.join();
            }

            assertThat(receiver.bodies).hasSize(6);
            assertThat(post.idleConnections()).isBetween(1, 2);
            Ledger.await("the idle connections are closed", () -> post.idleConnections() == 0);
            Ledger.await("the receiver sees them closed", () -> receiver.open.get() == 0);
        }
    }

    private static PinnedPost post(int maxIdle, Duration keepIdle) {
        return new PinnedPost((SSLSocketFactory) SSLSocketFactory.getDefault(), Duration.ofSeconds(5),
                Duration.ofSeconds(5), DaemonThreads.scheduler("test-deadline", 1), maxIdle, keepIdle);
    }

    private static byte[] body(int n) {
        return ("{\"n\":" + n + "}").getBytes(StandardCharsets.UTF_8);
    }

    /**
     * An HTTP/1.1 receiver on a plain socket, so that the test sees connections: answers each
     * request with {@code answer} and, when told, closes the connection right after.
     */
    private static final class RawReceiver implements AutoCloseable {
        final AtomicInteger connections = new AtomicInteger();
        final AtomicInteger open = new AtomicInteger();
        final List<String> bodies = new CopyOnWriteArrayList<>();
        private final ServerSocket server;

        RawReceiver(IntFunction<String> answer, boolean closeAfterEach) throws IOException {
            server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
            daemon(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket socket = server.accept();
                        connections.incrementAndGet();
                        open.incrementAndGet();
                        daemon(() -> serve(socket, answer, closeAfterEach));
                    } catch (IOException e) {
                        return;
                    }
                }
            });
        }

        private static void daemon(Runnable work) {
            Thread thread = new Thread(work);
            thread.setDaemon(true);
            thread.start();
        }

        private void serve(Socket socket, IntFunction<String> answer, boolean closeAfterEach) {
            try (socket; InputStream in = socket.getInputStream()) {
                for (String head; (head = head(in)) != null; ) {
                    int length = Integer.parseInt(head.replaceAll("(?s).*Content-Length: (\\d+).*", "$1"));
                    bodies.add(new String(in.readNBytes(length), StandardCharsets.UTF_8));
                    socket.getOutputStream().write(answer.apply(bodies.size()).getBytes(StandardCharsets.ISO_8859_1));
                    socket.getOutputStream().flush();
                    if (closeAfterEach) {
                        return;
                    }
                }
            } catch (IOException e) {
                // the sender went away
            } finally {
                open.decrementAndGet();
            }
        }

        /** The request's head, up to its blank line; null at the end of the stream. */
        private static String head(InputStream in) throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            for (int b; (b = in.read()) >= 0; ) {
                head.write(b);
                if (head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                    return head.toString(StandardCharsets.ISO_8859_1);
                }
            }
            return null;
        }

        WebhookUrls.Target target() {
            return new WebhookUrls.Target(URI.create("http://127.0.0.1:" + server.getLocalPort() + "/hook"),
                    new InetSocketAddress("127.0.0.1", server.getLocalPort()));
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
