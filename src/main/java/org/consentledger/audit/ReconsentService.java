package org.consentledger.audit;

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
import jakarta.inject.Inject;

import org.consentledger.policy.PolicyVersion;
import org.consentledger.policy.PolicyVersionRepository;
import org.consentledger.site.Site;
import org.consentledger.site.SiteRepository;

/**
 * Re-consent progress of one policy version; see {@link Reconsent}. The days {@link ReconsentRollup}
 * stored are read as they are (today as its latest snapshot), and any other day since the version
 * took effect is counted from the events, one query per run of consecutive missing days.
 */
@ApplicationScoped
public class ReconsentService {

    @Inject ReconsentDays reconsentDays;
    @Inject AuditQueries queries;
    @Inject SiteRepository sites;
    @Inject PolicyVersionRepository versions;
    @Inject Clock clock;

    public Reconsent progress(String siteKey, UUID versionId) {
        Site site = sites.require(siteKey);
        PolicyVersion v = versions.requireOn(site.id, versionId);
        LocalDate today = Instant.now(clock).atOffset(ZoneOffset.UTC).toLocalDate();
        LocalDate firstDay = v.effectiveAt.atOffset(ZoneOffset.UTC).toLocalDate();
        Map<LocalDate, ReconsentDays.Stored> firsts = firstDays(site, v, firstDay, today);
        LocalDate shownFrom = firstDay.isBefore(today.minusDays(DayRange.MAX_DAYS - 1))
                ? today.minusDays(DayRange.MAX_DAYS - 1) : firstDay;
        long seen = 0;
        long onVersion = 0;
        List<Reconsent.Day> days = new ArrayList<>();
        for (LocalDate day = firstDay; !day.isAfter(today); day = day.plusDays(1)) {
            ReconsentDays.Stored stored = firsts.get(day);
            seen += stored.firsts().seen();
            onVersion += stored.firsts().onVersion();
            if (!day.isBefore(shownFrom)) {
                days.add(new Reconsent.Day(day, seen, onVersion, Reconsent.share(onVersion, seen), stored.asOf()));
            }
        }
        return new Reconsent(v.id, v.kind, v.version, v.material, v.effectiveAt, seen, onVersion,
                Reconsent.share(onVersion, seen), days);
    }

    /** Every day from {@code firstDay} to {@code today}: stored, or counted from the events. */
    private Map<LocalDate, ReconsentDays.Stored> firstDays(Site site, PolicyVersion v, LocalDate firstDay, LocalDate today) {
        Map<LocalDate, ReconsentDays.Stored> firsts = new TreeMap<>(reconsentDays.stored(queries.source(), v.id));
        LocalDate missingSince = null;
        for (LocalDate day = firstDay; !day.isAfter(today.plusDays(1)); day = day.plusDays(1)) {
            boolean missing = !day.isAfter(today) && !firsts.containsKey(day);
            if (missing && missingSince == null) {
                missingSince = day;
            } else if (!missing && missingSince != null) {
                Map<LocalDate, ReconsentDays.Firsts> counted = reconsentDays.count(queries.source(), site.id, v,
                        AuditDays.start(missingSince), AuditDays.start(day));
                for (LocalDate d = missingSince; d.isBefore(day); d = d.plusDays(1)) {
                    firsts.put(d, new ReconsentDays.Stored(counted.getOrDefault(d, ReconsentDays.Firsts.NONE), null));
                }
                missingSince = null;
            }
        }
        return firsts;
    }
}
