package org.consentledger.edge;

import java.time.Duration;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * Reads every request body on the event loop before any endpoint runs, so a slow client holds a
 * socket and a few bytes, never a worker thread (a blocking endpoint would otherwise read its
 * body on a worker, one byte at a time). The endpoint then gets the whole body at once.
 * <p>
 * A body must keep arriving: a pause longer than the read timeout, or a rate under the minimum
 * once the read timeout's grace has passed, ends the request with 408 and closes the connection.
 * A body over the size limit gets 413.
 * <p>
 * An endpoint that takes a body as a parameter must run blocking (every synchronous method does,
 * and the batch endpoint says {@code @Blocking}): the framework hands such an endpoint the body
 * read here. A non-blocking endpoint would read the request again and find it already consumed,
 * so the single-event endpoint, which runs on the event loop, takes the body from the routing
 * context itself.
 */
@ApplicationScoped
public class BodyReader {

    /** Runs after the framework's own filters (CORS, graceful shutdown), before every endpoint. */
    static final int PRIORITY = 50;

    private static final String TIMEOUT_PROBLEM = "{\"type\":\"/problems/body-timeout\",\"title\":\"Request timeout\","
            + "\"status\":408,\"detail\":\"The request body arrived too slowly; nothing was recorded\"}";
    private static final String TOO_LARGE_PROBLEM = "{\"type\":\"/problems/body-too-large\",\"title\":\"Payload too large\","
            + "\"status\":413,\"detail\":\"The request body is larger than this service accepts; nothing was recorded\"}";

    private final long readTimeoutNanos;
    private final long minRate;
    private final long maxBodySize;

    BodyReader(EdgeConfig config,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size") Optional<MemorySize> maxBodySize) {
        this.readTimeoutNanos = config.bodyReadTimeout().toNanos();
        this.minRate = Math.max(1, config.bodyMinRate());
        this.maxBodySize = maxBodySize.map(MemorySize::asLongValue).orElse(Long.MAX_VALUE);
    }

    void register(@Observes Filters filters) {
        filters.register(this::handle, PRIORITY);
    }

    void handle(RoutingContext context) {
        read(context, RoutingContext::next);
    }

    /**
     * Reads the body, then hands the request to {@code then}; a route that runs before this filter
     * ({@code consent.EventRoute}) reads its body this way.
     */
    public void read(RoutingContext context, Handler<RoutingContext> then) {
        HttpServerRequest request = context.request();
        if (request.isEnded() || !hasBody(request) || context.body().buffer() != null) {
            then.handle(context);
            return;
        }
        new Read(context, then).start();
    }

    private static boolean hasBody(HttpServerRequest request) {
        if (request.method() == HttpMethod.GET || request.method() == HttpMethod.HEAD) {
            return false;
        }
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        return request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null || (length != null && !length.equals("0"));
    }

    /** One body being read. Every callback runs on the connection's event loop, so nothing is shared. */
    private final class Read {

        private final RoutingContext context;
        private final Handler<RoutingContext> then;
        private final HttpServerRequest request;
        private final Buffer body = Buffer.buffer();
        private final long started = System.nanoTime();
        private long lastChunk = started;
        private long timer = -1;
        private boolean finished;

        Read(RoutingContext context, Handler<RoutingContext> then) {
            this.context = context;
            this.then = then;
            this.request = context.request();
        }

        void start() {
            if (declaredLength() > maxBodySize) {
                refuse(413, TOO_LARGE_PROBLEM); // before a byte of it is read
                return;
            }
            request.handler(chunk -> {
                if (finished) {
                    return;
                }
                if (body.length() + (long) chunk.length() > maxBodySize) {
                    refuse(413, TOO_LARGE_PROBLEM);
                    return;
                }
                body.appendBuffer(chunk);
                lastChunk = System.nanoTime();
            });
            request.endHandler(ignored -> {
                if (finish()) {
                    context.setBody(body);
                    then.handle(context);
                }
            });
            request.exceptionHandler(ignored -> finish());
            schedule();
            if ("100-continue".equalsIgnoreCase(request.getHeader(HttpHeaders.EXPECT))) {
                context.response().writeContinue();
            }
            request.resume();
        }

        private long declaredLength() {
            try {
                String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
                return length == null ? -1 : Long.parseLong(length.trim());
            } catch (NumberFormatException e) {
                return -1; // the HTTP codec has already refused what is not a number
            }
        }

        /** The body may pause for the read timeout, and must average the minimum rate beyond it. */
        private long deadline() {
            long paused = lastChunk + readTimeoutNanos;
            long slow = started + readTimeoutNanos + Duration.ofSeconds(1).toNanos() * body.length() / minRate;
            return Math.min(paused, slow);
        }

        private void schedule() {
            long delayMillis = Math.max(1, (deadline() - System.nanoTime()) / 1_000_000);
            timer = context.vertx().setTimer(delayMillis, ignored -> {
                if (finished) {
                    return;
                }
                if (System.nanoTime() - deadline() >= 0) {
                    refuse(408, TIMEOUT_PROBLEM);
                } else {
                    schedule();
                }
            });
        }

        private boolean finish() {
            if (finished) {
                return false;
            }
            finished = true;
            context.vertx().cancelTimer(timer);
            return true;
        }

        private void refuse(int status, String problem) {
            if (!finish()) {
                return;
            }
            context.response().setStatusCode(status)
                    .putHeader(HttpHeaders.CONTENT_TYPE, "application/problem+json")
                    .putHeader(HttpHeaders.CONNECTION, "close")
                    .end(problem)
                    .onComplete(ignored -> request.connection().close());
        }
    }
}
