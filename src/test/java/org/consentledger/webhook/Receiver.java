package org.consentledger.webhook;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntUnaryOperator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A webhook receiver on loopback that records what it is sent and answers as the test says (by
 * the request's number, or by how many times its message has come), or as a hostile receiver
 * would: never ({@code /hang}), with a body of 100 MB ({@code /huge}), with a redirect to a path
 * of its own ({@code /redirect}) or to the cloud metadata address ({@code /metadata-redirect}).
 * The console's tests use it too.
 */
public final class Receiver implements AutoCloseable {

    static final long HUGE_BYTES = 100L * 1024 * 1024;

    public record Received(String path, Map<String, List<String>> headers, String body) {
        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).findFirst()
                    .map(e -> e.getValue().get(0)).orElse(null);
        }
    }

    final List<Received> received = new CopyOnWriteArrayList<>();
    /** Bytes of a huge answer actually written before the sender dropped the exchange. */
    final AtomicLong hugeBytesWritten = new AtomicLong();
    /** Counted down when a huge answer has ended, written whole or cut off. */
    final CountDownLatch hugeEnded = new CountDownLatch(1);
    /** Requests to {@code /hang} being held right now. */
    final AtomicInteger hanging = new AtomicInteger();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final ExecutorService handlers = Executors.newCachedThreadPool();
    private final HttpServer server;

    /** How {@code /hook} answers a request, given its number there and its message's attempt (both from 1). */
    private interface Script {
        int status(int number, int attempt);
    }

    /** {@code status} maps the request's number (from 1) to the status to answer. */
    public Receiver(IntUnaryOperator status) throws IOException {
        this(new InetSocketAddress("127.0.0.1", 0), status);
    }

    /** A receiver listening at {@code address}. */
    Receiver(InetSocketAddress address, IntUnaryOperator status) throws IOException {
        this(address, (number, attempt) -> status.applyAsInt(number));
    }

    /**
     * A receiver whose {@code /hook} answers each message by its attempt: how many times its
     * webhook-id has come, from 1 ({@code attempt -> attempt == 1 ? 500 : 200} fails each first).
     */
    static Receiver byAttempt(IntUnaryOperator statusOfAttempt) throws IOException {
        return new Receiver(new InetSocketAddress("127.0.0.1", 0), (number, attempt) -> statusOfAttempt.applyAsInt(attempt));
    }

    private Receiver(InetSocketAddress address, Script script) throws IOException {
        server = HttpServer.create(address, 0);
        server.setExecutor(handlers); // a request held at /hang holds one thread, not the whole receiver
        server.createContext("/hook", exchange -> {
            Received request = receive(exchange);
            String id = request.header("webhook-id");
            int attempt = (int) at(request.path()).stream().filter(r -> id != null && id.equals(r.header("webhook-id"))).count();
            answer(exchange, script.status(countAt(request.path()), attempt));
        });
        server.createContext("/redirect", exchange -> redirect(exchange, "/elsewhere"));
        server.createContext("/metadata-redirect", exchange -> redirect(exchange, "http://169.254.169.254/latest/meta-data/"));
        server.createContext("/elsewhere", exchange -> answer(exchange, 200 + record(exchange) * 0));
        server.createContext("/hang", exchange -> {
            record(exchange);
            hanging.incrementAndGet();
            try {
                closed.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                hanging.decrementAndGet();
                exchange.close();
            }
        });
        server.createContext("/huge", exchange -> {
            record(exchange);
            exchange.sendResponseHeaders(200, 0);
            byte[] chunk = new byte[64 * 1024];
            try (OutputStream out = exchange.getResponseBody()) {
                while (hugeBytesWritten.get() < HUGE_BYTES) {
                    out.write(chunk);
                    hugeBytesWritten.addAndGet(chunk.length);
                }
            } catch (IOException dropped) {
                // what the sender should do: stop reading
            } finally {
                exchange.close();
                hugeEnded.countDown();
            }
        });
        server.start();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public List<Received> at(String path) {
        return received.stream().filter(r -> r.path().equals(path)).toList();
    }

    /** Records the request; its number at its path, from 1. */
    private int record(HttpExchange exchange) throws IOException {
        return countAt(receive(exchange).path());
    }

    private Received receive(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Received request = new Received(exchange.getRequestURI().getPath(), Map.copyOf(exchange.getRequestHeaders()), body);
        received.add(request);
        return request;
    }

    private int countAt(String path) {
        return (int) received.stream().filter(r -> r.path().equals(path)).count();
    }

    private void redirect(HttpExchange exchange, String location) throws IOException {
        record(exchange);
        exchange.getResponseHeaders().add("Location", location);
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }

    private static void answer(HttpExchange exchange, int status) throws IOException {
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    @Override
    public void close() {
        closed.countDown();
        server.stop(0);
        handlers.shutdownNow();
    }
}
