package org.consentledger.audit;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.consentledger.policy.PolicyKind;

/**
 * How far visitors have moved onto a policy version: of the visitors seen on the site since its
 * effectiveAt, how many have acknowledged or decided on it (an event other than NOTICE_SHOWN naming
 * it), in total and cumulatively at the end of each UTC day. A day's {@code asOf} is null when
 * every event of the day is counted, and otherwise the instant up to which a snapshot of the day
 * in progress counted them (the totals include it).
 */
public record Reconsent(UUID versionId, PolicyKind kind, String version, boolean material, Instant effectiveAt,
        long visitorsSeen, long visitorsOnVersion, double share, List<Day> days) {

    public record Day(LocalDate day, long visitorsSeen, long visitorsOnVersion, double share, Instant asOf) {
    }

    static double share(long onVersion, long seen) {
        return seen == 0 ? 0 : (double) onVersion / seen;
    }
}
