package org.consentledger.edge;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The abusive client, run as a second process by {@link AbusiveClientsFaultTest}, only ever
 * against 127.0.0.1 and always bounded in time and count. It prints "READY" once its load is in
 * place and one "RESULT" line of figures at the end.
 */
public final class LoadClient {

    private LoadClient() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[1]);
        switch (args[0]) {
            case "slow" -> slowBodies(port, args[2], Integer.parseInt(args[3]), Integer.parseInt(args[4]));
            case "flood" -> flood(port, args[2], args[3], Integer.parseInt(args[4]), Integer.parseInt(args[5]),
                    Integer.parseInt(args[6]));
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    /**
     * Opens the connections, sends each a request whose body then trickles one byte per second,
     * and counts how the server ends them. Stops when all are closed, or after the given seconds.
     */
    static void slowBodies(int port, String path, int connections, int maxSeconds) throws Exception {
        String head = "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Content-Length: 200\r\n\r\n{";
        List<Socket> open = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            Socket socket = new Socket();
            socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
            socket.setSoTimeout(1);
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            open.add(socket);
        }
        System.out.println("READY " + open.size());
        long started = System.nanoTime();
        int answered408 = 0;
        int closed = 0;
        int maxHeld = open.size();
        while (!open.isEmpty() && System.nanoTime() - started < TimeUnit.SECONDS.toNanos(maxSeconds)) {
            Thread.sleep(1000);
            List<Socket> stillOpen = new ArrayList<>();
            for (Socket socket : open) {
                String ended = ended(socket);
                if (ended == null) {
                    stillOpen.add(socket);
                } else {
                    closed++;
                    answered408 += ended.startsWith("HTTP/1.1 408") ? 1 : 0;
                    socket.close();
                }
            }
            open = stillOpen;
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        for (Socket socket : open) {
            socket.close();
        }
        System.out.printf("RESULT held=%d closedByServer=%d answered408=%d stillOpen=%d seconds=%.1f%n", maxHeld, closed,
                answered408, open.size(), seconds);
    }

    /** Null while the server keeps the connection; else what it said before closing (maybe nothing). */
    private static String ended(Socket socket) {
        try {
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[512];
            int read = in.read(buffer);
            if (read < 0) {
                return "";
            }
            String answer = new String(buffer, 0, read, StandardCharsets.US_ASCII);
            drain(in);
            return answer;
        } catch (SocketTimeoutException quiet) {
            try {
                OutputStream out = socket.getOutputStream();
                out.write(' ');
                out.flush();
                return null;
            } catch (IOException gone) {
                return "";
            }
        } catch (IOException reset) {
            return "";
        }
    }

    private static void drain(InputStream in) {
        try {
            while (in.read(new byte[512]) >= 0) {
                // until the server closes
            }
        } catch (IOException e) {
            // closed or quiet: either way done
        }
    }

    /**
     * Posts batches of events as fast as it can from one forwarded client address, for the given
     * seconds, and counts the events recorded and the requests refused.
     */
    static void flood(int port, String siteKey, String client, int threads, int seconds, int batchSize) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10))
                .build();
        URI uri = URI.create("http://127.0.0.1:" + port + "/api/v1/sites/" + siteKey + "/events/batch");
        AtomicInteger created = new AtomicInteger();
        AtomicInteger accepted = new AtomicInteger();
        AtomicInteger limited = new AtomicInteger();
        AtomicInteger withRetryAfter = new AtomicInteger();
        AtomicInteger other = new AtomicInteger();
        long started = System.nanoTime();
        long end = started + TimeUnit.SECONDS.toNanos(seconds);
        int maxRequests = 200_000;
        AtomicInteger sent = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        System.out.println("READY " + threads);
        for (int t = 0; t < threads; t++) {
            pool.submit(() -> {
                while (System.nanoTime() < end && sent.incrementAndGet() <= maxRequests) {
                    StringBuilder body = new StringBuilder("{\"events\":[");
                    for (int i = 0; i < batchSize; i++) {
                        body.append(i == 0 ? "" : ",").append("{\"eventId\":\"").append(UUID.randomUUID())
                                .append("\",\"visitorId\":\"").append(UUID.randomUUID()).append("\",\"type\":\"NOTICE_SHOWN\"}");
                    }
                    body.append("]}");
                    HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                            .header("Content-Type", "application/json").header("X-Forwarded-For", client)
                            .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
                    try {
                        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                        if (response.statusCode() == 200) {
                            created.addAndGet(response.body().split("\"status\":201", -1).length - 1);
                            accepted.incrementAndGet();
                        } else if (response.statusCode() == 429) {
                            limited.incrementAndGet();
                            withRetryAfter.addAndGet(response.headers().firstValue("Retry-After").isPresent() ? 1 : 0);
                        } else {
                            other.incrementAndGet();
                        }
                    } catch (IOException e) {
                        other.incrementAndGet();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(seconds + 60L, TimeUnit.SECONDS);
        double elapsed = (System.nanoTime() - started) / 1e9;
        System.out.printf("RESULT requests=%d accepted=%d eventsRecorded=%d limited=%d withRetryAfter=%d other=%d "
                + "seconds=%.1f%n", accepted.get() + limited.get() + other.get(), accepted.get(), created.get(), limited.get(),
                withRetryAfter.get(), other.get(), elapsed);
    }
}
