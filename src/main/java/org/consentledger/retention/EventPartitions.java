package org.consentledger.retention;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.consentledger.jurisdiction.CurrentRules;
import org.consentledger.jurisdiction.RulesDocument;

/**
 * The monthly partitions of consent_event, one per "kept until" month (migration V10). They are
 * made ahead, far enough that every event received until the next run of the retention job finds
 * its partition: up to the longest retention period in use plus a margin of three months.
 */
@ApplicationScoped
public class EventPartitions {

    static final String PREFIX = "consent_event_";
    private static final int MARGIN_MONTHS = 3;
    private static final String LONGEST_SITE_PERIOD = "select coalesce(max(retention_months), 0) from site";
    private static final String PARTITIONS = "select c.relname from pg_inherits i join pg_class c on c.oid = i.inhrelid "
            + "where i.inhparent = 'consent_event'::regclass and c.relname ~ '^consent_event_[0-9]{4}_[0-9]{2}$'";

    private final CurrentRules rules;
    private final Clock clock;

    EventPartitions(CurrentRules rules, Clock clock) {
        this.rules = rules;
        this.clock = clock;
    }

    /**
     * Makes the missing partitions from the earliest month a new event can be kept until to the
     * horizon; how many it made.
     */
    public int ensureAhead(Connection c) throws SQLException {
        return ensureAhead(c, 0);
    }

    /**
     * As above, covering at least {@code siteMonths} too: a site about to be given a longer period
     * calls this in the same transaction, before any event could need the new partitions.
     */
    public int ensureAhead(Connection c, int siteMonths) throws SQLException {
        RulesDocument current = rules.current().rules();
        int longest = Math.max(siteMonths, Math.max(longestSitePeriod(c), RetentionPeriods.longestDefault(current)));
        YearMonth now = YearMonth.now(clock.withZone(ZoneOffset.UTC));
        try (PreparedStatement ps = c.prepareStatement("select ensure_event_partitions(?, ?)")) {
            ps.setObject(1, now.plusMonths(RetentionPeriods.shortest(current) + 1L).atDay(1));
            ps.setObject(2, now.plusMonths(longest + 1L + MARGIN_MONTHS).atDay(1));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** The "kept until" day of every monthly partition, oldest first. */
    public List<LocalDate> keptUntilDays(Connection c) throws SQLException {
        List<LocalDate> days = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(PARTITIONS); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String name = rs.getString(1).substring(PREFIX.length());
                days.add(LocalDate.of(Integer.parseInt(name.substring(0, 4)), Integer.parseInt(name.substring(5)), 1));
            }
        }
        days.sort(null);
        return days;
    }

    private static int longestSitePeriod(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(LONGEST_SITE_PERIOD); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
