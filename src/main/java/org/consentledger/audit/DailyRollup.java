package org.consentledger.audit;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.enterprise.event.Observes;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

import org.consentledger.site.Site;
import org.consentledger.site.SiteRepository;

/**
 * Stores each complete UTC day of each site in audit_day, from the site's first event up to the
 * last day that ended at least the grace period ago, oldest first. Any replica may run it: a day
 * already stored is skipped, and two replicas adding up the same day store it once.
 */
@ApplicationScoped
public class DailyRollup {

    private final AuditDays days;
    private final SiteRepository sites;
    private final DataSource primary;
    private final AuditDaysConfig config;
    private final Clock clock;
    private ScheduledExecutorService executor;

    DailyRollup(AuditDays days, SiteRepository sites, DataSource primary, AuditDaysConfig config, Clock clock) {
        this.days = days;
        this.sites = sites;
        this.primary = primary;
        this.config = config;
        this.clock = clock;
    }

    void start(@Observes StartupEvent event) {
        if (!config.rollUp()) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "audit-days");
            thread.setDaemon(true);
            return thread;
        });
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

    /** Rolls up the days not stored yet, at most {@code daysPerRun} per site. Returns how many it stored. */
    @ActivateRequestContext
    public int rollUp() {
        int stored = 0;
        for (Site site : sites.listAll()) {
            stored += rollUp(site.id);
        }
        return stored;
    }

    /** Rolls up one site's days not stored yet; returns how many it stored. */
    int rollUp(UUID siteId) {
        return rollUp(siteId, lastCompleteDay(Instant.now(clock), config.grace().toSeconds()).plusDays(1));
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
