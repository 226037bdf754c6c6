package org.consentledger.notice.refused;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Refusals counted in memory since the last flush: per site, per origin, a count and the first and
 * last time. At most {@code maxPerSite} origins per site, so a flood of made-up Origin headers
 * costs bounded memory. Not thread-safe: {@link RefusedOrigins} guards it.
 */
final class RefusedOriginTally {

    record Entry(UUID siteId, String origin, long count, Instant firstSeen, Instant lastSeen) {
    }

    private final int maxPerSite;
    private final Map<UUID, Map<String, Entry>> sites = new LinkedHashMap<>();
    private long dropped;

    RefusedOriginTally(int maxPerSite) {
        this.maxPerSite = maxPerSite;
    }

    void add(UUID siteId, String origin, long count, Instant firstSeen, Instant lastSeen) {
        Map<String, Entry> origins = sites.computeIfAbsent(siteId, id -> new LinkedHashMap<>());
        Entry known = origins.get(origin);
        if (known == null && origins.size() >= maxPerSite) {
            dropped += count;
            return;
        }
        origins.put(origin, known == null ? new Entry(siteId, origin, count, firstSeen, lastSeen)
                : new Entry(siteId, origin, known.count() + count, min(known.firstSeen(), firstSeen),
                        max(known.lastSeen(), lastSeen)));
    }

    List<Entry> entries() {
        return sites.values().stream().flatMap(m -> m.values().stream()).toList();
    }

    boolean isEmpty() {
        return sites.isEmpty();
    }

    /** Refusals not counted because their site already had {@code maxPerSite} other origins. */
    long dropped() {
        return dropped;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
