package org.consentledger.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.consentledger.consent.EventType;
import org.consentledger.policy.PolicyVersion;
import org.consentledger.retention.RetentionPeriods;

/**
 * The one owner of reconsent_day, and the SQL that finds, per UTC day, the visitors whose first
 * event since a version's effectiveAt, and whose first event on the version, fall on that day.
 * Each method takes the datasource to read from, as {@link AuditDays} does.
 */
@ApplicationScoped
public class ReconsentDays {

    /** Visitors first seen, and visitors first on the version, on one day. */
    record Firsts(long seen, long onVersion) {
        static final Firsts NONE = new Firsts(0, 0);
    }

    /** A day as stored: complete ({@code asOf} null) or a snapshot counted up to asOf. */
    record Stored(Firsts firsts, Instant asOf) {
    }

    private static final String ON_VERSION = "type <> '" + EventType.NOTICE_SHOWN.name()
            + "' and %1$s.document_version_ids @> array[?]::uuid[]";
    private static final String WINDOW = "select e.visitor_id, min(e.received_at) as seen, "
            + "min(e.received_at) filter (where e." + ON_VERSION.formatted("e") + ") as on_version "
            + "from consent_event e where e.site_id = ? and e.received_at >= ? and e.received_at < ? and "
            + AuditDays.RETAINED + " group by e.visitor_id";
    /**
     * A visitor's events between effectiveAt and the window, through the visitor index: a few rows
     * per visitor, so a day costs one probe per visitor of that day rather than a scan since effectiveAt.
     */
    private static final String EARLIER = "left join lateral (select count(*) > 0 as seen, coalesce(bool_or(p."
            + ON_VERSION.formatted("p") + "), false) as on_version from consent_event p where p.site_id = ? "
            + "and p.visitor_id = v.visitor_id and p.received_at >= ? and p.received_at < ? and p.retain_until >= ?) "
            + "earlier on true";
    private static final String FIRSTS = "select day, sum(seen), sum(on_version) from ("
            + "select (seen at time zone 'UTC')::date as day, 1 as seen, 0 as on_version from firsts where not seen_before "
            + "union all select (on_version at time zone 'UTC')::date, 0, 1 from firsts "
            + "where on_version is not null and not on_before) f group by day";

    /**
     * Per day: the visitors whose first event since {@code v}'s effectiveAt, and whose first event on
     * {@code v}, were received from {@code from} until just before {@code until}.
     */
    Map<LocalDate, Firsts> count(DataSource source, UUID siteId, PolicyVersion v, Instant from, Instant until) {
        Instant start = from.isBefore(v.effectiveAt) ? v.effectiveAt : from;
        boolean sinceEffective = start.equals(v.effectiveAt);
        String sql = "with v as (" + WINDOW + "), firsts as (select v.seen, v.on_version, "
                + (sinceEffective ? "false as seen_before, false as on_before from v"
                        : "earlier.seen as seen_before, earlier.on_version as on_before from v " + EARLIER)
                + ") " + FIRSTS;
        Map<LocalDate, Firsts> firsts = new TreeMap<>();
        try (Connection c = source.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 0;
            ps.setString(++i, v.id.toString());
            ps.setObject(++i, siteId);
            ps.setObject(++i, start.atOffset(ZoneOffset.UTC));
            ps.setObject(++i, until.atOffset(ZoneOffset.UTC));
            ps.setObject(++i, RetentionPeriods.earliestRetainUntil(start));
            if (!sinceEffective) {
                ps.setString(++i, v.id.toString());
                ps.setObject(++i, siteId);
                ps.setObject(++i, v.effectiveAt.atOffset(ZoneOffset.UTC));
                ps.setObject(++i, start.atOffset(ZoneOffset.UTC));
                ps.setObject(++i, RetentionPeriods.earliestRetainUntil(v.effectiveAt));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    firsts.put(rs.getObject(1, LocalDate.class), new Firsts(rs.getLong(2), rs.getLong(3)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Counting re-consent firsts failed", e);
        }
        return firsts;
    }

    /** Every day stored for the version, complete or as a snapshot. */
    Map<LocalDate, Stored> stored(DataSource source, UUID versionId) {
        Map<LocalDate, Stored> days = new TreeMap<>();
        String sql = "select day, new_seen, new_on_version, as_of from reconsent_day where version_id = ? order by day";
        try (Connection c = source.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, versionId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    OffsetDateTime asOf = rs.getObject(4, OffsetDateTime.class);
                    days.put(rs.getObject(1, LocalDate.class), new Stored(new Firsts(rs.getLong(2), rs.getLong(3)),
                            asOf == null ? null : asOf.toInstant()));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Reading re-consent days failed", e);
        }
        return days;
    }

    /** The version's latest complete day stored, if any: days are stored in order from its first. */
    Optional<LocalDate> lastStoredDay(DataSource source, UUID versionId) {
        return RolledUpDays.lastCompleteDay(source, "reconsent_day", "version_id", versionId);
    }

    /**
     * Stores a day: complete ({@code asOf} null) replacing any snapshot, or a snapshot replacing an
     * older one; a complete day stays as the first replica stored it.
     */
    void store(DataSource primary, UUID versionId, LocalDate day, Firsts firsts, Instant asOf, Instant now) {
        String sql = "insert into reconsent_day as d (version_id, day, new_seen, new_on_version, as_of, rolled_up_at) "
                + "values (?, ?, ?, ?, ?, ?) on conflict (version_id, day) do update set new_seen = excluded.new_seen, "
                + "new_on_version = excluded.new_on_version, as_of = excluded.as_of, rolled_up_at = excluded.rolled_up_at "
                + RolledUpDays.REPLACES_ONLY_AN_OLDER_SNAPSHOT;
        try (Connection c = primary.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, versionId);
            ps.setObject(2, day);
            ps.setLong(3, firsts.seen());
            ps.setLong(4, firsts.onVersion());
            ps.setObject(5, asOf == null ? null : asOf.atOffset(ZoneOffset.UTC));
            ps.setObject(6, now.atOffset(ZoneOffset.UTC));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Storing a re-consent day failed", e);
        }
    }
}
