package org.consentledger.audit;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.consentledger.policy.PolicyVersion;
import org.consentledger.policy.PolicyVersionRepository;

/**
 * Part of {@link DailyRollup}'s run: for each version of a site that took effect in the last 366
 * days, stores each complete UTC day since its effectiveAt in reconsent_day, oldest first, and a
 * snapshot of each day still in progress. Older versions are counted from the events on request.
 */
@ApplicationScoped
public class ReconsentRollup {

    @Inject ReconsentDays reconsentDays;
    @Inject PolicyVersionRepository versions;
    @Inject DataSource primary;
    @Inject AuditDaysConfig config;

    /** Rolls up the site's versions; returns how many complete days it stored. */
    int rollUp(UUID siteId, LocalDate firstIncomplete, Instant now) {
        int stored = 0;
        Instant oldest = now.minus(DayRange.MAX_DAYS, ChronoUnit.DAYS);
        for (PolicyVersion v : versions.allOf(siteId)) {
            if (v.effectiveAt.isAfter(oldest) && !v.effectiveAt.isAfter(now)) {
                stored += rollUp(siteId, v, firstIncomplete, now);
            }
        }
        return stored;
    }

    private int rollUp(UUID siteId, PolicyVersion v, LocalDate firstIncomplete, Instant now) {
        LocalDate firstDay = v.effectiveAt.atOffset(ZoneOffset.UTC).toLocalDate();
        LocalDate next = reconsentDays.lastStoredDay(primary, v.id).map(d -> d.plusDays(1)).orElse(firstDay);
        int stored = 0;
        for (LocalDate day = next; day.isBefore(firstIncomplete) && stored < config.daysPerRun(); day = day.plusDays(1)) {
            store(siteId, v, day, AuditDays.start(day.plusDays(1)), null, now);
            stored++;
        }
        LocalDate today = now.atOffset(ZoneOffset.UTC).toLocalDate();
        for (LocalDate day = firstIncomplete.isBefore(firstDay) ? firstDay : firstIncomplete; !day.isAfter(today);
                day = day.plusDays(1)) {
            Instant end = AuditDays.start(day.plusDays(1));
            store(siteId, v, day, end.isBefore(now) ? end : now, now, now);
        }
        return stored;
    }

    private void store(UUID siteId, PolicyVersion v, LocalDate day, Instant until, Instant asOf, Instant now) {
        Map<LocalDate, ReconsentDays.Firsts> counted = reconsentDays.count(primary, siteId, v, AuditDays.start(day), until);
        reconsentDays.store(primary, v.id, day, counted.getOrDefault(day, ReconsentDays.Firsts.NONE), asOf, now);
    }
}
