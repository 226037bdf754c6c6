import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicLong;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The least CPU a webhook delivery can cost the sender: a Standard Webhooks POST of a consent.changed
 * sized body, signed with HMAC-SHA256, over a kept-alive loopback connection, its 204 read. Nothing
 * else of the service's (no database, no ledger record, no JSON building). The receiver runs in
 * another process (bench/webhook-receiver.js), so only the sender's CPU is counted, as the service's
 * is in bench/webhooks.sh.
 *
 * java bench/DeliveryFloor.java PORT [THREADS] [SECONDS]
 */
public class DeliveryFloor {

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        byte[] secret = new byte[32];
        String body = "{\"type\":\"consent.changed\",\"timestamp\":\"2026-12-07T03:00:00Z\",\"data\":{"
                + "\"siteKey\":\"news-example\",\"visitorId\":\"3f1c7a52-5e0b-4b8e-9f1e-0c1d2e3f4a5b\",\"userId\":null,"
                + "\"eventId\":\"9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d\",\"eventType\":\"PREFERENCES_SAVED\","
                + "\"categoriesBefore\":{\"necessary\":\"GRANTED\",\"analytics\":\"GRANTED\",\"marketing\":\"GRANTED\"},"
                + "\"categoriesAfter\":{\"necessary\":\"GRANTED\",\"analytics\":\"DENIED\",\"marketing\":\"DENIED\"},"
                + "\"regime\":\"GDPR\",\"policyVersionIds\":[\"0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e\"],"
                + "\"receipt\":\"eyJhbGciOiJFZERTQSJ9.eyJldmVudElkIjoiOWE4YjdjNmQiLCJzaXRlS2V5IjoibmV3cy1leGFtcGxlIn0."
                + "c2lnbmF0dXJlLXBsYWNlaG9sZGVyLWZvci1zaXplLW9ubHktNjQtYnl0ZXMtb2YtYmFzZTY0LXRleHQtaGVyZQ\"}}";
        AtomicLong sent = new AtomicLong();
        long warmupEnd = System.nanoTime() + 10_000_000_000L;
        long end = warmupEnd + seconds * 1_000_000_000L;
        long[] cpuAtWarmupEnd = new long[1];
        long[] sentAtWarmupEnd = new long[1];
        Thread[] workers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            workers[t] = new Thread(() -> post(port, secret, body, sent, end));
            workers[t].start();
        }
        Thread.sleep((warmupEnd - System.nanoTime()) / 1_000_000);
        cpuAtWarmupEnd[0] = processCpuNanos();
        sentAtWarmupEnd[0] = sent.get();
        for (Thread worker : workers) {
            worker.join();
        }
        long cpu = processCpuNanos() - cpuAtWarmupEnd[0];
        long posts = sent.get() - sentAtWarmupEnd[0];
        System.out.printf("posts=%d posts_per_s=%.0f cpu_us_per_post=%.1f%n", posts, posts / (double) seconds,
                cpu / 1000.0 / posts);
    }

    private static void post(int port, byte[] secret, String body, AtomicLong sent, long end) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setTcpNoDelay(true);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            byte[] answer = new byte[4096];
            long n = 0;
            while (System.nanoTime() < end) {
                String id = "msg_" + Thread.currentThread().getId() + "_" + n++;
                String timestamp = String.valueOf(System.currentTimeMillis() / 1000);
                String signature = Base64.getEncoder().encodeToString(
                        mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
                byte[] payload = body.getBytes(StandardCharsets.UTF_8);
                String head = "POST /hook HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\ncontent-type: application/json\r\n"
                        + "webhook-id: " + id + "\r\nwebhook-timestamp: " + timestamp + "\r\nwebhook-signature: v1,"
                        + signature + "\r\ncontent-length: " + payload.length + "\r\n\r\n";
                out.write(head.getBytes(StandardCharsets.US_ASCII));
                out.write(payload);
                out.flush();
                readAnswer(in, answer);
                sent.incrementAndGet();
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A 204 has no body: the answer ends with its blank line. */
    private static void readAnswer(InputStream in, byte[] buffer) throws Exception {
        int length = 0;
        while (true) {
            int read = in.read(buffer, length, buffer.length - length);
            if (read < 0) {
                throw new IllegalStateException("closed");
            }
            length += read;
            if (length >= 4 && buffer[length - 4] == '\r' && buffer[length - 3] == '\n'
                    && buffer[length - 2] == '\r' && buffer[length - 1] == '\n') {
                return;
            }
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
