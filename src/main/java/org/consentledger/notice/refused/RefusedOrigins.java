package org.consentledger.notice.refused;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.consentledger.common.DaemonThreads;
import org.consentledger.common.Hashing;
import org.consentledger.site.SiteRepository;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Counts the origins the banner API refuses, per site. A refusal only touches memory; a thread of
 * its own adds the counts to the database every flush interval (and a read flushes first), so a
 * flood of refused requests costs a few upserts, not a write per request. When a flush fails, its
 * counts go back into memory for the next one. Each site keeps its {@code maxPerSite} origins
 * refused for the most distinct clients, and forgets an origin not refused for {@code expireAfter}.
 */
@ApplicationScoped
public class RefusedOrigins {

    private static final int MAX_ORIGIN_LENGTH = 300;

    private final RefusedOriginRepository repository;
    private final SiteRepository sites;
    private final RefusedOriginsConfig config;
    private final Clock clock;
    private final ReentrantLock flushing = new ReentrantLock();
    private RefusedOriginTally pending;
    private ScheduledExecutorService executor;

    RefusedOrigins(RefusedOriginRepository repository, SiteRepository sites, RefusedOriginsConfig config, Clock clock) {
        this.repository = repository;
        this.sites = sites;
        this.config = config;
        this.clock = clock;
        this.pending = new RefusedOriginTally(config.maxPerSite());
    }

    /**
     * Counts one refused request from {@code origin} to the site's banner API, made by the client
     * with this rate-limit key (its address prefix). The prefix is kept only as a short hash, to
     * count distinct clients.
     */
    public void record(UUID siteId, String origin, String client) {
        if (origin.length() > MAX_ORIGIN_LENGTH) {
            return; // no browser sends such an Origin; not worth a row
        }
        Instant now = clock.instant();
        Set<String> clients = Set.of(Hashing.sha256Hex(client.getBytes(StandardCharsets.UTF_8)).substring(0, 16));
        synchronized (this) {
            pending.add(siteId, origin.toLowerCase(Locale.ROOT), 1, clients, now, now);
        }
    }

    /**
     * The site's refused origins seen within the expiry, refused for the most clients first, with
     * everything counted so far; 404 for an unknown site.
     */
    List<RefusedOriginView> list(String siteKey) {
        UUID siteId = sites.require(siteKey).id;
        flush();
        return repository.list(siteId, expiredBefore());
    }

    /** Refused calls per site key within the expiry, everything counted so far; sites with none are left out. */
    Map<String, Long> callsBySiteKey() {
        flush();
        return repository.callsBySiteKey(expiredBefore());
    }

    /** Entries last seen before this instant are expired. */
    private Instant expiredBefore() {
        return clock.instant().minus(config.expireAfter());
    }

    /**
     * Adds the counts held in memory to the database, one flush at a time: a read's flush waits
     * for a scheduled one already under way, whose counts it would otherwise not see.
     */
    void flush() {
        flushing.lock();
        try {
            flushPending();
        } finally {
            flushing.unlock();
        }
    }

    private void flushPending() {
        RefusedOriginTally taken;
        synchronized (this) {
            if (pending.isEmpty()) {
                return;
            }
            taken = pending;
            pending = new RefusedOriginTally(config.maxPerSite());
        }
        if (taken.dropped() > 0) {
            Log.warnf("Refused origins: %d refusals not counted, from origins that gave way beyond %d per site",
                    taken.dropped(), config.maxPerSite());
        }
        try {
            repository.add(taken.entries(), config.maxPerSite(), expiredBefore());
        } catch (SQLException | RuntimeException e) {
            Log.warnf("Adding refused origins to the database failed; keeping them for the next flush: %s",
                    e.getMessage());
            synchronized (this) {
                for (RefusedOriginTally.Entry entry : taken.entries()) {
                    pending.add(entry.siteId(), entry.origin(), entry.count(), entry.clients(), entry.firstSeen(),
                            entry.lastSeen());
                }
            }
        }
    }

    void start(@Observes StartupEvent event) {
        executor = DaemonThreads.scheduler("refused-origins", 1);
        long millis = config.flushInterval().toMillis();
        executor.scheduleWithFixedDelay(this::flush, millis, millis, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        executor.shutdown();
        executor.awaitTermination(5, TimeUnit.SECONDS);
        flush();
    }
}
