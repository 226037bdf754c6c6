package org.consentledger.retention;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.consentledger.common.DaemonThreads;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Makes event partitions ahead at start-up and then on every interval, and purges what is due.
 * Every replica runs it; the database functions take one lock, so two replicas never collide,
 * and a partition already purged by one is simply gone for the other.
 */
@ApplicationScoped
public class RetentionJob {

    @Inject DataSource dataSource;
    @Inject EventPartitions partitions;
    @Inject RetentionPurge purge;
    @Inject RetentionConfig config;
    private ScheduledExecutorService executor;

    void start(@Observes StartupEvent event) {
        executor = DaemonThreads.scheduler("retention", 1);
        long millis = config.interval().toMillis();
        executor.scheduleWithFixedDelay(this::runQuietly, 0, millis, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        if (executor != null) {
            executor.shutdownNow();
            executor.awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    /** One run: partitions ahead, empty ones too far ahead dropped, then the purge. */
    public void run() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            int made = partitions.ensureAhead(c);
            if (made > 0) {
                Log.infof("Retention made %d monthly event partitions ahead", made);
            }
            int dropped = partitions.dropEmptyBeyondLongestPeriod(c);
            if (dropped > 0) {
                Log.infof("Retention dropped %d empty event partitions beyond the longest retention period", dropped);
            }
        }
        if (config.purge()) {
            purge.purgeDue();
        }
    }

    private void runQuietly() {
        try {
            run();
        } catch (SQLException | RuntimeException e) {
            // The next run tries again; until then events wait in their partitions or the default one.
            Log.errorf(e, "Retention failed");
        }
    }
}
