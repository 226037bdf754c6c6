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
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.consentledger.jurisdiction.CurrentRules;
import org.consentledger.jurisdiction.RulesDocument;

/**
 * The monthly partitions of consent_event, one per "kept until" month (migration V10). They are
 * made ahead, so that every event received until the next run of the retention job finds its
 * partition. Partitions follow time going forward, not the length of a period: an event received
 * now with a period of p months is kept until month now + p + 1, so a period needs that month and
 * a margin of three, not every month up to it. The defaults of the current rules get one range,
 * from the shortest to the longest; each period a site sets beyond it gets its own few months.
 */
@ApplicationScoped
public class EventPartitions {

    static final String PREFIX = "consent_event_";
    private static final int MARGIN_MONTHS = 3;
    private static final String PARTITIONS = "select c.relname from pg_inherits i join pg_class c on c.oid = i.inhrelid "
            + "where i.inhparent = 'consent_event'::regclass and c.relname ~ '^consent_event_[0-9]{4}_[0-9]{2}$'";

    @Inject CurrentRules rules;
    @Inject SitePeriods sitePeriods;
    @Inject Clock clock;

    /**
     * Makes the missing partitions from the earliest month a new event can be kept until to the
     * horizon; how many it made.
     */
    public int ensureAhead(Connection c) throws SQLException {
        return ensureAhead(c, 0);
    }

    /**
     * As above, for {@code siteMonths} too: a site about to be given a period calls this in the
     * same transaction, before any event could need the new partitions.
     */
    public int ensureAhead(Connection c, int siteMonths) throws SQLException {
        RulesDocument current = rules.current().rules();
        YearMonth now = YearMonth.now(clock.withZone(ZoneOffset.UTC));
        TreeSet<Integer> periods = new TreeSet<>(sitePeriods.chosen(c));
        if (siteMonths > 0) {
            periods.add(siteMonths);
        }
        int made = 0;
        int from = RetentionPeriods.shortest(current);
        int to = RetentionPeriods.longestDefault(current);
        for (int months : periods) {
            if (months > to + 1 + MARGIN_MONTHS) { // a gap: make what came before, start anew
                made += ensure(c, now, from, to);
                from = months;
            }
            from = Math.min(from, months);
            to = Math.max(to, months);
        }
        return made + ensure(c, now, from, to);
    }

    /** Makes the missing partitions for events received this month or in the margin after it, with these periods. */
    private static int ensure(Connection c, YearMonth now, int shortestMonths, int longestMonths) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select ensure_event_partitions(?, ?)")) {
            ps.setObject(1, now.plusMonths(shortestMonths + 1L).atDay(1));
            ps.setObject(2, now.plusMonths(longestMonths + 1L + MARGIN_MONTHS).atDay(1));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /**
     * Drops the empty partitions beyond the longest any period may be, one transaction each: made
     * ahead before retentionMonths was bounded (issue 21), they slowed every query on the table.
     * The database function keeps any partition that holds an event.
     */
    public int dropEmptyBeyondLongestPeriod(Connection c) throws SQLException {
        RulesDocument current = rules.current().rules();
        int longest = Math.max(RetentionPeriods.MAX_MONTHS, RetentionPeriods.longestDefault(current));
        longest = Math.max(longest, sitePeriods.chosen(c).stream().mapToInt(Integer::intValue).max().orElse(0));
        LocalDate horizon = YearMonth.now(clock.withZone(ZoneOffset.UTC)).plusMonths(longest + 1L + MARGIN_MONTHS).atDay(1);
        int dropped = 0;
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(true);
        try (PreparedStatement ps = c.prepareStatement("select drop_empty_event_partition(?)")) {
            for (LocalDate day : keptUntilDays(c)) {
                if (day.isAfter(horizon)) {
                    ps.setObject(1, day);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        dropped += rs.getBoolean(1) ? 1 : 0;
                    }
                }
            }
        } finally {
            c.setAutoCommit(autoCommit);
        }
        return dropped;
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
}
