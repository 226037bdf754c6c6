package org.consentledger.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.consentledger.consent.EventType;
import org.consentledger.policy.PolicyVersion;
import org.consentledger.policy.PolicyVersionRepository;
import org.consentledger.site.Site;
import org.consentledger.site.SiteRepository;

/** Re-consent progress of one policy version; see {@link Reconsent}. */
@ApplicationScoped
public class ReconsentService {

    /** Each visitor since effectiveAt: the day first seen, and the day first on the version (or null). */
    private static final String FIRST_DAYS = "with visitor as (select e.visitor_id, min(e.received_at) as seen, "
            + "min(e.received_at) filter (where e.type <> '" + EventType.NOTICE_SHOWN.name()
            + "' and e.document_version_ids @> array[?]::uuid[]) as on_version "
            + "from consent_event e where e.site_id = ? and e.received_at >= ? group by e.visitor_id) "
            + "select day, sum(seen), sum(on_version) from ("
            + "select (seen at time zone 'UTC')::date as day, 1 as seen, 0 as on_version from visitor union all "
            + "select (on_version at time zone 'UTC')::date, 0, 1 from visitor where on_version is not null) firsts "
            + "group by day";

    private final AuditQueries queries;
    private final SiteRepository sites;
    private final PolicyVersionRepository versions;
    private final Clock clock;

    ReconsentService(AuditQueries queries, SiteRepository sites, PolicyVersionRepository versions, Clock clock) {
        this.queries = queries;
        this.sites = sites;
        this.versions = versions;
        this.clock = clock;
    }

    public Reconsent progress(String siteKey, UUID versionId) {
        Site site = sites.require(siteKey);
        PolicyVersion v = versions.requireOn(site.id, versionId);
        Map<LocalDate, long[]> firsts = firstDays(site.id, v);
        LocalDate today = Instant.now(clock).atOffset(ZoneOffset.UTC).toLocalDate();
        LocalDate firstDay = v.effectiveAt.atOffset(ZoneOffset.UTC).toLocalDate();
        LocalDate shownFrom = firstDay.isBefore(today.minusDays(DayRange.MAX_DAYS - 1))
                ? today.minusDays(DayRange.MAX_DAYS - 1) : firstDay;
        long seen = 0;
        long onVersion = 0;
        List<Reconsent.Day> days = new ArrayList<>();
        for (LocalDate day = firstDay; !day.isAfter(today); day = day.plusDays(1)) {
            long[] counts = firsts.getOrDefault(day, new long[2]);
            seen += counts[0];
            onVersion += counts[1];
            if (!day.isBefore(shownFrom)) {
                days.add(new Reconsent.Day(day, seen, onVersion, Reconsent.share(onVersion, seen)));
            }
        }
        return new Reconsent(v.id, v.kind, v.version, v.material, v.effectiveAt, seen, onVersion,
                Reconsent.share(onVersion, seen), days);
    }

    /** Per day: {visitors first seen, visitors first on the version}. */
    private Map<LocalDate, long[]> firstDays(UUID siteId, PolicyVersion v) {
        Map<LocalDate, long[]> firsts = new TreeMap<>();
        try (Connection c = queries.source().getConnection(); PreparedStatement ps = c.prepareStatement(FIRST_DAYS)) {
            ps.setString(1, v.id.toString());
            ps.setObject(2, siteId);
            ps.setObject(3, v.effectiveAt.atOffset(ZoneOffset.UTC));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    firsts.put(rs.getObject(1, LocalDate.class), new long[] { rs.getLong(2), rs.getLong(3) });
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Reading re-consent progress failed", e);
        }
        return firsts;
    }
}
