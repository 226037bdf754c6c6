package org.consentledger.audit;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.consentledger.consent.EventColumns;
import org.consentledger.retention.RetentionPeriods;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The one owner of audit_day, and the SQL that adds up a site's events per UTC day. Each method
 * takes the datasource to read from: the rollup job computes and writes on the primary, while the
 * timeseries reads where the other audit reads go ({@link AuditQueries#source()}).
 */
@ApplicationScoped
public class AuditDays {

    private static final String DAY = "(e.received_at at time zone 'UTC')::date";
    /** Names the partition key, so that partitions of events received before the range are skipped. */
    static final String RETAINED = "e.retain_until >= ?";
    private static final TypeReference<Map<String, String>> CATEGORIES = new TypeReference<>() {
    };

    @Inject ObjectMapper json;
    private final CompleteDays completeDays = new CompleteDays(CompleteDays.DEFAULT_CAPACITY);

    /** A day's figures as stored: complete ({@code asOf} null), or a snapshot of the events received before asOf. */
    record Stored(DayFigures figures, Instant asOf) {
    }

    /** Each day from {@code from} to {@code to} (exclusive) that has events, computed from the events. */
    Map<LocalDate, DayFigures> compute(DataSource source, UUID siteId, LocalDate from, LocalDate to) {
        return compute(source, siteId, start(from), start(to));
    }

    /** Each day with events received from {@code from} until just before {@code until}, computed from the events. */
    Map<LocalDate, DayFigures> compute(DataSource source, UUID siteId, Instant from, Instant until) {
        Map<LocalDate, DayFigures.Tally> tallies = new TreeMap<>();
        String counts = "select " + DAY + ", e.type, count(*) from consent_event e "
                + "where e.site_id = ? and e.received_at >= ? and e.received_at < ? and " + RETAINED + " group by 1, 2";
        // Each visitor's latest consent-changing event of each day, as AuditQueries' summary takes
        // it over a period; then the few distinct (regime, versions, outcome) combinations, counted.
        String decisions = "select day, regime, ids, " + EventColumns.outcome("latest") + " -> 'categories' as categories, "
                + "count(*) from (select distinct on (" + DAY
                + ", e.visitor_id) " + DAY + " as day, e.regime, e.document_version_ids as ids, e.outcome, e.outcome_id "
                + "from consent_event e "
                + "where e.site_id = ? and e.received_at >= ? and e.received_at < ? and " + RETAINED + " and "
                + EventColumns.CHANGES_CONSENT
                + " order by " + DAY + ", e.visitor_id, e.id desc) latest" + EventColumns.outcomeJoin("latest")
                + " group by 1, 2, 3, 4";
        try (Connection c = source.getConnection()) {
            try (PreparedStatement ps = bound(c, counts, siteId, from, until); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    tally(tallies, rs).events(rs.getString(2), rs.getLong(3));
                }
            }
            try (PreparedStatement ps = bound(c, decisions, siteId, from, until); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Array ids = rs.getArray(3);
                    String categories = rs.getString(4);
                    tally(tallies, rs).decisions(rs.getString(2), ids == null ? List.of() : List.of((UUID[]) ids.getArray()),
                            categories == null ? Map.of() : granted(categories), rs.getLong(5));
                }
            }
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("Adding up a site's days failed", e);
        }
        Map<LocalDate, DayFigures> figures = new TreeMap<>();
        tallies.forEach((day, tally) -> figures.put(day, tally.figures()));
        return figures;
    }

    /**
     * The days from {@code from} to {@code to} (exclusive) rolled up, completely or as a snapshot.
     * Complete days never change once stored, so they are kept in memory once read, and only the
     * days from the first one not held there are read from the table.
     */
    Map<LocalDate, Stored> stored(DataSource source, UUID siteId, LocalDate from, LocalDate to) {
        Map<LocalDate, Stored> days = new TreeMap<>();
        LocalDate firstToRead = from;
        for (Stored held; firstToRead.isBefore(to) && (held = completeDays.get(siteId, firstToRead)) != null;
                firstToRead = firstToRead.plusDays(1)) {
            days.put(firstToRead, held);
        }
        if (!firstToRead.isBefore(to)) {
            return days;
        }
        String sql = "select day, figures, as_of from audit_day where site_id = ? and day >= ? and day < ? order by day";
        try (Connection c = source.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, siteId);
            ps.setObject(2, firstToRead);
            ps.setObject(3, to);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    LocalDate day = rs.getObject(1, LocalDate.class);
                    OffsetDateTime asOf = rs.getObject(3, OffsetDateTime.class);
                    Stored stored = new Stored(json.readValue(rs.getString(2), DayFigures.class),
                            asOf == null ? null : asOf.toInstant());
                    days.put(day, stored);
                    if (asOf == null) {
                        completeDays.put(siteId, day, stored);
                    }
                }
            }
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("Reading rolled-up days failed", e);
        }
        return days;
    }

    /** The latest complete day rolled up for the site, if any. */
    Optional<LocalDate> lastStoredDay(DataSource source, UUID siteId) {
        return RolledUpDays.lastCompleteDay(source, "audit_day", "site_id", siteId);
    }

    /** The first day with an event on the site, if any: where rolling up starts. */
    Optional<LocalDate> firstEventDay(DataSource source, UUID siteId) {
        String sql = "select min(e.received_at) from consent_event e where e.site_id = ?";
        try (Connection c = source.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, siteId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                OffsetDateTime first = rs.getObject(1, OffsetDateTime.class);
                return Optional.ofNullable(first).map(t -> t.withOffsetSameInstant(ZoneOffset.UTC).toLocalDate());
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Reading a site's first event failed", e);
        }
    }

    /**
     * Stores a complete day's figures, replacing a snapshot of it, unless another replica stored
     * them first: a complete day's figures are the same whoever adds them up, so the first row stands.
     */
    void store(DataSource primary, UUID siteId, LocalDate day, DayFigures figures, Instant now) {
        store(primary, siteId, day, figures, null, now);
    }

    /**
     * Stores a snapshot of a day in progress, counted up to {@code asOf}, unless the day is complete
     * or a replica stored a later snapshot.
     */
    void storeSnapshot(DataSource primary, UUID siteId, LocalDate day, DayFigures figures, Instant asOf) {
        store(primary, siteId, day, figures, asOf, asOf);
    }

    private void store(DataSource primary, UUID siteId, LocalDate day, DayFigures figures, Instant asOf, Instant now) {
        String sql = "insert into audit_day as d (site_id, day, figures, as_of, rolled_up_at) values (?, ?, ?::jsonb, ?, ?) "
                + "on conflict (site_id, day) do update set figures = excluded.figures, as_of = excluded.as_of, "
                + "rolled_up_at = excluded.rolled_up_at " + RolledUpDays.REPLACES_ONLY_AN_OLDER_SNAPSHOT;
        try (Connection c = primary.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, siteId);
            ps.setObject(2, day);
            ps.setString(3, json.writeValueAsString(figures));
            ps.setObject(4, asOf == null ? null : asOf.atOffset(ZoneOffset.UTC));
            ps.setObject(5, now.atOffset(ZoneOffset.UTC));
            ps.executeUpdate();
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("Storing a rolled-up day failed", e);
        }
    }

    private Map<String, Boolean> granted(String categories) throws JsonProcessingException {
        Map<String, Boolean> granted = new TreeMap<>();
        json.readValue(categories, CATEGORIES).forEach((category, state) -> granted.put(category, "GRANTED".equals(state)));
        return granted;
    }

    private static DayFigures.Tally tally(Map<LocalDate, DayFigures.Tally> tallies, ResultSet rs) throws SQLException {
        return tallies.computeIfAbsent(rs.getObject(1, LocalDate.class), d -> new DayFigures.Tally());
    }

    private static PreparedStatement bound(Connection c, String sql, UUID siteId, Instant from, Instant until)
            throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        ps.setObject(1, siteId);
        ps.setObject(2, from.atOffset(ZoneOffset.UTC));
        ps.setObject(3, until.atOffset(ZoneOffset.UTC));
        ps.setObject(4, RetentionPeriods.earliestRetainUntil(from));
        return ps;
    }

    static Instant start(LocalDate day) {
        return day.atStartOfDay().toInstant(ZoneOffset.UTC);
    }
}
