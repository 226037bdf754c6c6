package org.consentledger.edge;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Rate-limit refusals on the {@code consent.security} logger, one JSON line each, with the
 * client's truncated prefix and never a full address. A flood must not become a log flood: per
 * reason, route and key, at most one line per {@link LimitsConfig#logInterval()} is written, and
 * it counts in {@code suppressed} the refusals since the previous line that got none of their
 * own, so every 429 is accounted for exactly once.
 */
@ApplicationScoped
public class LimitLog {

    static final String CATEGORY = "consent.security";
    private static final Logger LOG = Logger.getLogger(CATEGORY);
    private static final int MAX_TRACKED = 10_000;

    private record Window(AtomicLong lastLineNanos, AtomicLong suppressed) {
    }

    private final ObjectMapper json;
    private final long quietNanos;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    LimitLog(ObjectMapper json, LimitsConfig config) {
        this.json = json;
        this.quietNanos = config.logInterval().toNanos();
    }

    void rateLimited(String reason, String route, String clientPrefix, String siteKey, int cost, long retryAfter) {
        if (windows.size() > MAX_TRACKED) {
            windows.clear();
        }
        String key = reason + '|' + route + '|' + (siteKey != null && "site-rate".equals(reason) ? siteKey : clientPrefix);
        long now = System.nanoTime();
        if (quietNanos == 0) {
            write(reason, route, clientPrefix, siteKey, cost, retryAfter, 0);
            return;
        }
        Window window = windows.computeIfAbsent(key, k -> new Window(new AtomicLong(now - quietNanos), new AtomicLong()));
        long last = window.lastLineNanos().get();
        if (now - last < quietNanos || !window.lastLineNanos().compareAndSet(last, now)) {
            window.suppressed().incrementAndGet();
            return;
        }
        write(reason, route, clientPrefix, siteKey, cost, retryAfter, window.suppressed().getAndSet(0));
    }

    private void write(String reason, String route, String clientPrefix, String siteKey, int cost, long retryAfter,
            long suppressed) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("event", "rate-limited");
        line.put("reason", reason);
        line.put("route", route);
        line.put("client", clientPrefix);
        line.put("site", siteKey);
        line.put("cost", cost);
        line.put("retryAfter", retryAfter);
        line.put("suppressed", suppressed);
        try {
            LOG.warn(json.writeValueAsString(line));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
