package org.consentledger.audit;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

import org.consentledger.common.DaemonThreads;
import org.consentledger.site.Site;
import org.consentledger.site.SiteRepository;

/**
 * Stores each complete UTC day of each site in audit_day, from the site's first event up to the
 * last day that ended at least the grace period ago, oldest first, and a snapshot of each day
 * still in progress; then the same for re-consent progress ({@link ReconsentRollup}). Any replica
 * may run it: a day already stored is skipped, two replicas adding up the same day store it once,
 * and a snapshot only ever replaces an older one.
 */
@ApplicationScoped
public class DailyRollup {

    @Inject AuditDays days;
    @Inject ReconsentRollup reconsent;
    @Inject SiteRepository sites;
    @Inject DataSource primary;
    @Inject AuditDaysConfig config;
    @Inject Clock clock;
    private ScheduledExecutorService executor;

    void start(@Observes StartupEvent event) {
        if (!config.rollUp()) {
            return;
        }
        executor = DaemonThreads.scheduler("audit-days", 1);
        long millis = config.interval().toMillis();
        executor.scheduleWithFixedDelay(() -> {
            try {
                rollUp();
            } catch (RuntimeException e) {
                Log.errorf(e, "Rolling up audit days failed; the next run retries");
            }
        }, millis, millis, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        if (executor != null) {
            executor.shutdown();
            executor.awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    /**
     * Rolls up the days not stored yet, at most {@code daysPerRun} per site, and snapshots the days
     * in progress. Returns how many complete days it stored in audit_day.
     */
    @ActivateRequestContext
    public int rollUp() {
        int stored = 0;
        for (Site site : sites.listAll()) {
            stored += rollUp(site.id);
        }
        return stored;
    }

    /** Rolls up one site's days not stored yet and snapshots its days in progress; returns how many complete days it stored. */
    @ActivateRequestContext
    int rollUp(UUID siteId) {
        Instant now = Instant.now(clock).truncatedTo(ChronoUnit.SECONDS);
        LocalDate firstIncomplete = lastCompleteDay(now, config.grace().toSeconds()).plusDays(1);
        int stored = rollUp(siteId, firstIncomplete);
        LocalDate today = now.atOffset(ZoneOffset.UTC).toLocalDate();
        for (LocalDate day = firstIncomplete; !day.isAfter(today); day = day.plusDays(1)) {
            Instant end = AuditDays.start(day.plusDays(1));
            DayFigures figures = days.compute(primary, siteId, AuditDays.start(day), end.isBefore(now) ? end : now)
                    .getOrDefault(day, DayFigures.empty());
            days.storeSnapshot(primary, siteId, day, figures, now);
        }
        reconsent.rollUp(siteId, firstIncomplete, now);
        return stored;
    }

    /** The last UTC day that ended at least {@code graceSeconds} before {@code now}. */
    static LocalDate lastCompleteDay(Instant now, long graceSeconds) {
        return now.minusSeconds(graceSeconds).atOffset(ZoneOffset.UTC).toLocalDate().minusDays(1);
    }

    /** Days are stored in order, so the site's next day is the one after its last stored day. */
    private int rollUp(UUID siteId, LocalDate firstIncomplete) {
        LocalDate next = days.lastStoredDay(primary, siteId).map(d -> d.plusDays(1))
                .or(() -> days.firstEventDay(primary, siteId)).orElse(firstIncomplete);
        int stored = 0;
        Instant now = Instant.now(clock);
        for (LocalDate day = next; day.isBefore(firstIncomplete) && stored < config.daysPerRun(); day = day.plusDays(1)) {
            DayFigures figures = days.compute(primary, siteId, day, day.plusDays(1)).getOrDefault(day, DayFigures.empty());
            days.store(primary, siteId, day, figures, now);
            stored++;
        }
        return stored;
    }
}
