package org.consentledger.edge;

import java.time.Duration;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * The end of a SIGTERM's shutdown delay. During the delay readiness is DOWN and everything is
 * still served, so the load balancer can stop routing here. Once it is over, the framework waits
 * for the requests in flight and closes the server; a request that arrives then would be taken
 * and, at the very end, cut off. Instead it is answered at once with 503 problem+json,
 * Retry-After and Connection: close, so its client knows nothing was done and goes elsewhere.
 * Health checks still answer.
 * <p>
 * Draining starts a little before the delay ends (a quarter of it, at most 1 s): a client busy on
 * a kept-alive connection then gets its 503 and closes the connection before the server does.
 * Starting exactly at the end left a request sent on such a connection as the server closed it
 * without an answer (ShutdownIT, 1 request in about 2,300, once).
 */
@ApplicationScoped
public class Drain {

    /** Before every other filter: a draining service does no work for a new request. */
    static final int PRIORITY = 10_000;

    private static final long MAX_LEAD_MILLIS = 1_000;

    private static final String PROBLEM = "{\"type\":\"/problems/shutting-down\",\"title\":\"Service unavailable\","
            + "\"status\":503,\"detail\":\"This instance is shutting down; nothing was recorded, retry shortly\"}";

    private final Duration delay;
    private volatile boolean draining;

    Drain(@ConfigProperty(name = "quarkus.shutdown.delay") Optional<Duration> delay) {
        this.delay = delay.orElse(Duration.ZERO);
    }

    void startTheClock(@Observes ShutdownDelayInitiatedEvent event) {
        long servingMillis = delay.toMillis() - Math.min(MAX_LEAD_MILLIS, delay.toMillis() / 4);
        Thread timer = new Thread(() -> {
            try {
                Thread.sleep(servingMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            draining = true;
        }, "shutdown-drain");
        timer.setDaemon(true);
        timer.start();
    }

    void register(@Observes Filters filters) {
        filters.register(this::handle, PRIORITY);
    }

    void handle(RoutingContext context) {
        if (!draining || context.normalizedPath().startsWith("/q/")) {
            context.next();
            return;
        }
        context.response().setStatusCode(503)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/problem+json")
                .putHeader(HttpHeaders.RETRY_AFTER, "1")
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(PROBLEM);
    }
}
