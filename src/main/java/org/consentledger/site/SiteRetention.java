package org.consentledger.site;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.consentledger.common.ApiException;
import org.consentledger.jurisdiction.CurrentRules;
import org.consentledger.retention.EventPartitions;
import org.consentledger.retention.RetentionPeriods;

/** A site's own retention period: checked against the consent lifetimes, and given its partitions before use. */
@ApplicationScoped
class SiteRetention {

    @Inject CurrentRules rules;
    @Inject EventPartitions partitions;
    @Inject DataSource dataSource;

    /**
     * Null (the default) or a period no shorter than the longest consent lifetime of the current
     * rules, since proof of a decision must not be purged while the decision still counts, and no
     * longer than the bound (422 past it).
     */
    Integer check(Integer months) {
        if (months == null) {
            return null;
        }
        int shortest = RetentionPeriods.longestLifetime(rules.current().rules());
        if (months > RetentionPeriods.MAX_MONTHS) {
            throw ApiException.beyondLimit("retentionMonths", "retentionMonths may be at most "
                    + RetentionPeriods.MAX_MONTHS + " months", "must be at most " + RetentionPeriods.MAX_MONTHS
                    + " months (ten years, the longest limitation period consent evidence answers to): every month "
                    + "of a period is a partition of the event table all sites share; keep a longer hold in an export");
        }
        if (months < shortest) {
            throw ApiException.invalid("retentionMonths", "must be between " + shortest + " (the longest consent "
                    + "lifetime of the current jurisdiction rules) and " + RetentionPeriods.MAX_MONTHS);
        }
        return months;
    }

    /** Makes the partitions a longer period needs, in the caller's transaction, before its first event. */
    void makeRoomFor(Integer months) {
        if (months == null) {
            return;
        }
        try (Connection c = dataSource.getConnection()) {
            partitions.ensureAhead(c, months);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not make the event partitions for a retention of " + months
                    + " months", e);
        }
    }
}
