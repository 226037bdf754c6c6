package org.consentledger.observability;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.MDC;

import io.quarkus.vertx.http.runtime.filters.Filters;

import io.vertx.ext.web.RoutingContext;

/**
 * Gives every request an id, puts it in the logging MDC as {@code requestId} for every line logged
 * while the request is handled, and returns it in the {@code X-Request-Id} response header.
 * <p>
 * An incoming {@code X-Request-Id} is kept when it is a sane token (1 to 64 of letters, digits and
 * {@code . _ : -}), whoever sent it: a proxy's id then joins its log to ours. The id is a label for
 * finding lines, never an authority, so a client that picks its own gains nothing but its own lines;
 * anything else (too long, spaces, control characters, a second header) is replaced by a fresh UUID,
 * so a client cannot forge or break log lines. Quarkus keeps the MDC on the request's duplicated
 * Vert.x context, so the id follows the request onto worker threads and back.
 */
@ApplicationScoped
public class RequestIds {

    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "requestId";
    /** Before everything else, the drain included, so that even a refusal carries the id. */
    static final int PRIORITY = 20_000;
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    void register(@Observes Filters filters) {
        filters.register(this::handle, PRIORITY);
    }

    void handle(RoutingContext context) {
        String id = accepted(context.request().headers().getAll(HEADER));
        MDC.put(MDC_KEY, id);
        context.response().putHeader(HEADER, id);
        context.addEndHandler(ignored -> MDC.remove(MDC_KEY));
        context.next();
    }

    /** The client's id when there is exactly one and it is a sane token; a fresh one otherwise. */
    static String accepted(java.util.List<String> sent) {
        if (sent.size() == 1 && SANE.matcher(sent.get(0)).matches()) {
            return sent.get(0);
        }
        return fresh().toString();
    }

    /**
     * A random (version 4) UUID from a thread-local generator. The id is a label, not a secret, so
     * it need not come from {@code SecureRandom}, which {@code UUID.randomUUID()} reads under a lock.
     */
    private static UUID fresh() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & ~(0xC000L << 48)) | (0x8000L << 48);
        return new UUID(high, low);
    }
}
