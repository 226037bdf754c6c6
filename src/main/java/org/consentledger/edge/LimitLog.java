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
 * reason, route and key, at most one line a second is written, and it counts in
 * {@code suppressed} the refusals since the previous line that got none of their own, so every
 * 429 is accounted for exactly once.
 */
@ApplicationScoped
public class LimitLog {

    static final String CATEGORY = "consent.security";
    private static final Logger LOG = Logger.getLogger(CATEGORY);
    private static final long QUIET_NANOS = 1_000_000_000L;
    private static final int MAX_TRACKED = 10_000;

    private record Window(AtomicLong lastLineNanos, AtomicLong suppressed) {
    }

    private final ObjectMapper json;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    LimitLog(ObjectMapper json) {
        this.json = json;
    }

    void rateLimited(String reason, String route, String clientPrefix, String siteKey, int cost, long retryAfter) {
        if (windows.size() > MAX_TRACKED) {
            windows.clear();
        }
        String key = reason + '|' + route + '|' + (siteKey != null && "site-rate".equals(reason) ? siteKey : clientPrefix);
        long now = System.nanoTime();
        Window window = windows.computeIfAbsent(key, k -> new Window(new AtomicLong(now - QUIET_NANOS), new AtomicLong()));
        long last = window.lastLineNanos().get();
        if (now - last < QUIET_NANOS || !window.lastLineNanos().compareAndSet(last, now)) {
            window.suppressed().incrementAndGet();
            return;
        }
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("event", "rate-limited");
        line.put("reason", reason);
        line.put("route", route);
        line.put("client", clientPrefix);
        line.put("site", siteKey);
        line.put("cost", cost);
        line.put("retryAfter", retryAfter);
        line.put("suppressed", window.suppressed().getAndSet(0));
        try {
            LOG.warn(json.writeValueAsString(line));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
