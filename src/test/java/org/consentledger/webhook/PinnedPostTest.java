package org.consentledger.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLSocketFactory;

import org.consentledger.common.DaemonThreads;
import org.junit.jupiter.api.Test;

/** A delivery connects to the address that was checked, and reads no more of the answer than its status line. */
class PinnedPostTest {

    static final String SECRET = WebhookSecrets.generate();

    static Delivery delivery() {
        Instant now = Instant.now();
        return new Delivery(1, UUID.randomUUID(), UUID.randomUUID(), "webhook.test", null,
                "{\"type\":\"webhook.test\",\"data\":{}}", Delivery.PENDING, 0, null, null, now, now, null);
    }

    /** A resolver that answers {@code address} for every name, counting the questions. */
    static WebhookUrls.Resolver always(String address, AtomicInteger lookups) {
        return host -> {
            lookups.incrementAndGet();
            return new InetAddress[] {InetAddress.getByName(address)};
        };
    }

    @Test
    void aDeliveryReachesTheCheckedAddressAndNotWhatTheSystemResolvesTheNameTo() throws Exception {
        assumeTrue(InetAddress.getByName("localhost").getHostAddress().equals("127.0.0.1"), "localhost is 127.0.0.1 here");
        try (Receiver checked = new Receiver(new InetSocketAddress("127.0.0.2", 0), n -> 204);
                Receiver systems = new Receiver(new InetSocketAddress("127.0.0.1", checked.port()), n -> 204)) {
            AtomicInteger lookups = new AtomicInteger();
            WebhookSender sender = new WebhookSender(new WebhookUrls(true, always("127.0.0.2", lookups)));

            WebhookSender.Result result = sender.send("http://localhost:" + checked.port() + "/hook?site=news",
                    List.of(SECRET), delivery(), Instant.now());

            assertThat(result).isEqualTo(new WebhookSender.Result(204, null));
            assertThat(checked.received).singleElement().satisfies(r -> {
                assertThat(r.path()).isEqualTo("/hook");
                assertThat(r.header("Host")).isEqualTo("localhost:" + checked.port());
                assertThat(r.header("webhook-signature")).startsWith("v1,");
            });
            assertThat(systems.received).isEmpty();
            assertThat(lookups).hasValue(1);
        }
    }

    @Test
    void aNameThatNowResolvesToAnInternalAddressIsNotContacted() throws Exception {
        try (Receiver internal = new Receiver(new InetSocketAddress("127.0.0.2", 0), n -> 204)) {
            WebhookUrls.Resolver rebound = host -> new InetAddress[] {InetAddress.getByName("93.184.215.14"),
                    InetAddress.getByName("127.0.0.2")};
            WebhookSender sender = new WebhookSender(new WebhookUrls(false, rebound));

            WebhookSender.Result result = sender.send("https://receiver.example:" + internal.port() + "/hook",
                    List.of(SECRET), delivery(), Instant.now());

            assertThat(result.statusCode()).isNull();
            assertThat(result.error()).isEqualTo("url refused: resolves to a loopback, private, link-local or otherwise "
                    + "internal address");
            assertThat(internal.received).isEmpty();
        }
    }

    @Test
    void aReceiverThatNeverAnswersIsCutOffAtTheDeadline() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            PinnedPost post = new PinnedPost((SSLSocketFactory) SSLSocketFactory.getDefault(), Duration.ofSeconds(5),
                    Duration.ofMillis(300), DaemonThreads.scheduler("test-deadline", 1));
            WebhookUrls.Target target = new WebhookUrls.Target(URI.create("http://127.0.0.1:" + silent.getLocalPort() + "/"),
                    new InetSocketAddress("127.0.0.1", silent.getLocalPort()));

            // The kernel completes the connection into the backlog; nobody ever reads or answers.
            assertThatThrownBy(() -> post.post(target, Map.of(), new byte[0])).isInstanceOf(PinnedPost.NoAnswer.class);
        }
    }

    @Test
    void aCutIsNoAnswerEvenWhileTheCloserIsStillFinishingItsTask() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            PinnedPost post = new PinnedPost((SSLSocketFactory) SSLSocketFactory.getDefault(), Duration.ofSeconds(5),
                    Duration.ofMillis(300), new SlowToFinishCloser());
            WebhookUrls.Target target = new WebhookUrls.Target(URI.create("http://127.0.0.1:" + silent.getLocalPort() + "/"),
                    new InetSocketAddress("127.0.0.1", silent.getLocalPort()));

            assertThatThrownBy(() -> post.post(target, Map.of(), new byte[0])).isInstanceOf(PinnedPost.NoAnswer.class);
        }
    }

    /**
     * Runs each one-shot task, then lingers before the task counts as done: the window in which the
     * reading thread already sees its socket closed, which on a busy machine happens by chance.
     */
    static final class SlowToFinishCloser extends ScheduledThreadPoolExecutor {
        SlowToFinishCloser() {
            super(1, r -> {
                Thread t = new Thread(r, "slow-closer");
                t.setDaemon(true);
                return t;
            });
        }

        @Override
        public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
            return super.schedule(() -> {
                command.run();
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, delay, unit);
        }
    }

    @Test
    void ofTheAnswerOnlyTheStatusLineIsReadWithinFourKilobytes() throws IOException {
        Endless redirect = new Endless("HTTP/1.1 302 Found\r\nLocation: http://169.254.169.254/\r\n\r\n");
        assertThat(PinnedPost.status(redirect)).isEqualTo(302);
        assertThat(redirect.read).isLessThanOrEqualTo(PinnedPost.MAX_ANSWER_BYTES);

        Endless noLineEnd = new Endless("HTTP/1.1 200 ");
        assertThatThrownBy(() -> PinnedPost.status(noLineEnd)).isInstanceOf(IOException.class);
        assertThat(noLineEnd.read).isEqualTo(PinnedPost.MAX_ANSWER_BYTES);

        assertThatThrownBy(() -> PinnedPost.status(new Endless("SSH-2.0-OpenSSH_9.2\r\n")))
                .hasMessage("not an HTTP/1 status line");
    }

    /** A stream that starts with {@code start}, then goes on with x forever, counting what was read. */
    private static final class Endless extends InputStream {
        private final byte[] start;
        long read;

        Endless(String start) {
            this.start = start.getBytes(StandardCharsets.US_ASCII);
        }

        @Override
        public int read() {
            byte b = read < start.length ? start[(int) read] : (byte) 'x';
            read++;
            return b;
        }
    }
}
