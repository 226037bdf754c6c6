package org.consentledger.ledger;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.consentledger.common.DaemonThreads;
import org.eclipse.microprofile.health.HealthCheckResponse;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.health.api.Wellness;

/**
 * The ledger's gauges. A scrape never queries the database: a background task reads the figures
 * once per checkpoint interval with a few index lookups (no COUNT(*) over a large table), and the
 * gauges show the last reading.
 * <ul>
 * <li>{@code consent_ledger_lag_seconds}: how long the oldest acknowledged event that the newest
 * signed checkpoint does not hold has been waiting; 0 when that checkpoint holds every event.</li>
 * <li>{@code consent_ledger_checkpoint_age_seconds}: since the newest checkpoint was signed (it
 * grows on an idle ledger too, since nothing new needs signing).</li>
 * <li>{@code consent_ledger_unsigned_leaves}: leaves that no checkpoint holds yet.</li>
 * <li>{@code consent_ledger_sequencer_backlog}: records queued but not yet leaves, as the span of
 * the queue's ids (an upper bound: ids of rolled-back inserts leave gaps).</li>
 * <li>{@code consent_ledger_healthy}: 1 while the {@code ledger} health check is UP, 0 while an
 * alarm is raised; read from memory at each scrape.</li>
 * </ul>
 */
@ApplicationScoped
public class LedgerMetrics {

    private final DataSource dataSource;
    private final AcknowledgedRecords acknowledged;
    private final Clock clock;
    private final Duration interval;
    private volatile double lagSeconds;
    private volatile double checkpointAgeSeconds = Double.NaN;
    private volatile double unsignedLeaves;
    private volatile double backlog;
    private ScheduledExecutorService executor;

    LedgerMetrics(DataSource dataSource, AcknowledgedRecords acknowledged, Clock clock, LedgerConfig config,
            @Wellness LedgerHealth health, MeterRegistry registry) {
        this.dataSource = dataSource;
        this.acknowledged = acknowledged;
        this.clock = clock;
        this.interval = config.checkpointInterval();
        Gauge.builder("consent_ledger_lag_seconds", () -> lagSeconds)
                .description("Age of the oldest acknowledged event the newest signed checkpoint does not hold")
                .register(registry);
        Gauge.builder("consent_ledger_checkpoint_age_seconds", () -> checkpointAgeSeconds)
                .description("Time since the newest checkpoint was signed").register(registry);
        Gauge.builder("consent_ledger_unsigned_leaves", () -> unsignedLeaves)
                .description("Leaves no checkpoint holds yet").register(registry);
        Gauge.builder("consent_ledger_sequencer_backlog", () -> backlog)
                .description("Queued records not yet leaves (upper bound)").register(registry);
        Gauge.builder("consent_ledger_healthy", () -> health.call().getStatus() == HealthCheckResponse.Status.UP ? 1 : 0)
                .description("1 while the ledger health check is UP").register(registry);
    }

    void start(@Observes StartupEvent event) {
        executor = DaemonThreads.scheduler("ledger-metrics", 1);
        executor.scheduleWithFixedDelay(this::refreshQuietly, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    private void refreshQuietly() {
        try {
            refresh();
        } catch (SQLException | RuntimeException e) {
            Log.debugf("Could not read the ledger's gauges: %s", e.getMessage()); // the next reading retries
        }
    }

    /** Reads every figure at once; public so that a test need not wait for the next reading. */
    public void refresh() throws SQLException {
        Instant now = Instant.now(clock);
        try (Connection c = dataSource.getConnection()) {
            Optional<StoredCheckpoint> latest = LedgerCheckpoints.latest(c);
            long signed = latest.map(StoredCheckpoint::treeSize).orElse(0L);
            checkpointAgeSeconds = latest.map(cp -> seconds(cp.createdAt(), now)).orElse(Double.NaN);
            unsignedLeaves = LedgerLeaves.size(c) - signed;
            backlog = LedgerStore.queueSpan(c);
            lagSeconds = acknowledged.oldestAcknowledgedBeyond(c, signed).map(at -> Math.max(0, seconds(at, now)))
                    .orElse(0.0);
        }
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toMillis() / 1000.0;
    }
}
