package org.consentledger.audit;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.consentledger.consent.EventType;

/**
 * One UTC day of a site in counts: events by type, and the visitors whose latest consent-changing
 * act that day was a decision, with how many of them it granted each category; overall, by regime
 * and by each policy version the decision named. What {@link DailyRollup} stores per day as jsonb,
 * so its field names are a stored format.
 */
public record DayFigures(long total, Map<String, Long> events, Deciding deciding, Map<String, Deciding> byRegime,
        Map<UUID, Deciding> byPolicyVersion) {

    /** Visitors deciding, and per category how many of their decisions granted it. */
    public record Deciding(long visitors, Map<String, Long> granted) {
    }

    static DayFigures empty() {
        return new Tally().figures();
    }

    /** Adds up events and decisions, in any order, into one day's figures. */
    static final class Tally {

        private final Map<String, Long> events = new TreeMap<>();
        private final MutableDeciding deciding = new MutableDeciding();
        private final Map<String, MutableDeciding> byRegime = new TreeMap<>();
        private final Map<UUID, MutableDeciding> byPolicyVersion = new TreeMap<>();

        Tally() {
            for (EventType type : EventType.values()) {
                events.put(type.name(), 0L);
            }
        }

        void events(String type, long count) {
            events.merge(type, count, Long::sum);
        }

        /**
         * {@code visitors} visitors whose latest decision of the day was under {@code regime} (null on
         * events older than regimes), named these versions, and had these categories granted or not.
         */
        void decisions(String regime, List<UUID> versionIds, Map<String, Boolean> categories, long visitors) {
            deciding.add(categories, visitors);
            if (regime != null) {
                byRegime.computeIfAbsent(regime, r -> new MutableDeciding()).add(categories, visitors);
            }
            for (UUID id : versionIds) {
                byPolicyVersion.computeIfAbsent(id, v -> new MutableDeciding()).add(categories, visitors);
            }
        }

        DayFigures figures() {
            Map<String, Deciding> regimes = new TreeMap<>();
            byRegime.forEach((code, d) -> regimes.put(code, d.frozen()));
            Map<UUID, Deciding> versions = new TreeMap<>();
            byPolicyVersion.forEach((id, d) -> versions.put(id, d.frozen()));
            long total = events.values().stream().mapToLong(Long::longValue).sum();
            return new DayFigures(total, new TreeMap<>(events), deciding.frozen(), regimes, versions);
        }
    }

    private static final class MutableDeciding {
        private long visitors;
        private final Map<String, Long> granted = new TreeMap<>();

        void add(Map<String, Boolean> categories, long count) {
            visitors += count;
            categories.forEach((category, isGranted) -> granted.merge(category, isGranted ? count : 0L, Long::sum));
        }

        Deciding frozen() {
            return new Deciding(visitors, new TreeMap<>(granted));
        }
    }
}
