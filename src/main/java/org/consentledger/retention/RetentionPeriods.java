package org.consentledger.retention;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;

import org.consentledger.jurisdiction.Regime;
import org.consentledger.jurisdiction.RulesDocument;

/**
 * How long an event is kept. A site may set its own period in months; by default an event is kept
 * 13 months beyond the longest consent lifetime of the regime that decided it, so the proof of a
 * decision outlives the decision itself by a year and a month.
 */
public final class RetentionPeriods {

    public static final int BEYOND_LIFETIME_MONTHS = 13;
    /**
     * The longest period a site may set: ten years, as long as the longest limitation periods
     * that consent evidence answers to, and so as long as any legal hold we know of. Each month of
     * it is a partition of consent_event, which every site shares: a longer hold is kept in an
     * export (evidence packages), or with CONSENT_RETENTION_PURGE=false, not in more partitions.
     */
    public static final int MAX_MONTHS = 120;

    private RetentionPeriods() {
    }

    /** The months to keep an event decided under {@code regime} on a site with {@code siteMonths} (null: the default). */
    public static int months(Integer siteMonths, Regime regime) {
        return siteMonths != null ? siteMonths : BEYOND_LIFETIME_MONTHS + longestLifetime(regime);
    }

    /**
     * The day the event may be purged on: the first day of the month after its receipt month plus
     * the period. It is always kept at least the whole period, and at most a month longer.
     */
    public static LocalDate retainUntil(Instant receivedAt, int months) {
        return YearMonth.from(receivedAt.atOffset(ZoneOffset.UTC)).plusMonths(months + 1L).atDay(1);
    }

    /** The earliest day an event received at or after {@code receivedAt} can be kept until, whatever its period. */
    public static LocalDate earliestRetainUntil(Instant receivedAt) {
        return retainUntil(receivedAt, 1);
    }

    /** The longest lifetime of any regime in the rules: a site's own period may not be shorter. */
    public static int longestLifetime(RulesDocument rules) {
        return rules.regimes().stream().mapToInt(RetentionPeriods::longestLifetime).max().orElse(0);
    }

    /** The longest any retention period can be under these rules when a site sets none. */
    public static int longestDefault(RulesDocument rules) {
        return BEYOND_LIFETIME_MONTHS + longestLifetime(rules);
    }

    /** The shortest period any event can have under these rules: a site's minimum, or a default. */
    public static int shortest(RulesDocument rules) {
        int shortestDefault = BEYOND_LIFETIME_MONTHS + rules.regimes().stream()
                .mapToInt(RetentionPeriods::longestLifetime).min().orElse(0);
        return Math.min(longestLifetime(rules), shortestDefault);
    }

    private static int longestLifetime(Regime regime) {
        return Math.max(regime.acceptMonths() == null ? 0 : regime.acceptMonths(),
                regime.rejectMonths() == null ? 0 : regime.rejectMonths());
    }
}
