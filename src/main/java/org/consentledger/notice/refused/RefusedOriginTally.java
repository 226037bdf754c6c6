package org.consentledger.notice.refused;

import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Refusals counted in memory since the last flush: per site, per origin, a count, the distinct
 * clients refused (up to {@link #MAX_CLIENTS}), and the first and last time. At most
 * {@code maxPerSite} origins per site, so a flood of made-up Origin headers costs bounded memory;
 * a newcomer takes the place of the origin refused for the fewest clients, the least recently
 * seen of them, so one client's made-up origins only ever push out each other. Not thread-safe:
 * {@link RefusedOrigins} guards it.
 */
final class RefusedOriginTally {

    /** Distinct clients counted per origin: enough to tell an origin many visitors meet from one client's. */
    static final int MAX_CLIENTS = 50;

    record Entry(UUID siteId, String origin, long count, Set<String> clients, Instant firstSeen, Instant lastSeen) {
    }

    /** The origin that gives way first: the fewest clients, then the least recently seen. */
    static final Comparator<Entry> WEAKEST_FIRST = Comparator.<Entry>comparingInt(e -> e.clients().size())
            .thenComparing(Entry::lastSeen);

    private final int maxPerSite;
    private final Map<UUID, Map<String, Entry>> sites = new LinkedHashMap<>();
    private long dropped;

    RefusedOriginTally(int maxPerSite) {
        this.maxPerSite = maxPerSite;
    }

    void add(UUID siteId, String origin, long count, Set<String> clients, Instant firstSeen, Instant lastSeen) {
        Map<String, Entry> origins = sites.computeIfAbsent(siteId, id -> new LinkedHashMap<>());
        Entry known = origins.get(origin);
        if (known == null && origins.size() >= maxPerSite) {
            Entry weakest = origins.values().stream().min(WEAKEST_FIRST).orElseThrow();
            origins.remove(weakest.origin());
            dropped += weakest.count();
        }
        origins.put(origin, known == null ? new Entry(siteId, origin, count, capped(Set.of(), clients), firstSeen, lastSeen)
                : new Entry(siteId, origin, known.count() + count, capped(known.clients(), clients),
                        min(known.firstSeen(), firstSeen), max(known.lastSeen(), lastSeen)));
    }

    List<Entry> entries() {
        return sites.values().stream().flatMap(m -> m.values().stream()).toList();
    }

    boolean isEmpty() {
        return sites.isEmpty();
    }

    /** Refusals no longer counted because their origin gave way to another, beyond {@code maxPerSite} per site. */
    long dropped() {
        return dropped;
    }

    private static Set<String> capped(Set<String> known, Set<String> more) {
        if (known.size() >= MAX_CLIENTS || known.containsAll(more)) {
            return known;
        }
        Set<String> union = new LinkedHashSet<>(known);
        for (String client : more) {
            if (union.size() >= MAX_CLIENTS) {
                break;
            }
            union.add(client);
        }
        return Set.copyOf(union);
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
