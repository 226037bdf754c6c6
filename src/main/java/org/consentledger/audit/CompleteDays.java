package org.consentledger.audit;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Complete days' figures as read from audit_day, the least recently used dropped first. A complete
 * day's row is never rewritten (only snapshots are), so what is held here stays true on every
 * replica. 10,000 days, about 10 MB, hold the 30-day chart of more than 300 sites.
 */
final class CompleteDays {

    static final int DEFAULT_CAPACITY = 10_000;

    private record Key(UUID siteId, LocalDate day) {
    }

    private final Map<Key, AuditDays.Stored> days;

    CompleteDays(int capacity) {
        this.days = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, AuditDays.Stored> eldest) {
                return size() > capacity;
            }
        };
    }

    synchronized AuditDays.Stored get(UUID siteId, LocalDate day) {
        return days.get(new Key(siteId, day));
    }

    synchronized void put(UUID siteId, LocalDate day, AuditDays.Stored complete) {
        days.put(new Key(siteId, day), complete);
    }

    synchronized int size() {
        return days.size();
    }
}
