package org.consentledger.ledger;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Runs the sequencer, the checkpointer and the ledger's own checks in the background, on their
 * configured intervals.
 */
@ApplicationScoped
public class LedgerScheduler {

    private final LedgerSequencer sequencer;
    private final Checkpointer checkpointer;
    private final LedgerPath path;
    private final MergeDelayCheck mergeDelay;
    private final LedgerConfig config;
    private ScheduledExecutorService executor;

    LedgerScheduler(LedgerSequencer sequencer, Checkpointer checkpointer, LedgerPath path, MergeDelayCheck mergeDelay,
            LedgerConfig config) {
        this.path = path;
        this.mergeDelay = mergeDelay;
        this.sequencer = sequencer;
        this.checkpointer = checkpointer;
        this.config = config;
    }

    void start(@Observes StartupEvent event) {
        executor = Executors.newScheduledThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "ledger");
            thread.setDaemon(true);
            return thread;
        });
        long sequenceMillis = config.sequenceInterval().toMillis();
        long checkpointMillis = config.checkpointInterval().toMillis();
        executor.scheduleWithFixedDelay(() -> quietly("sequencing", sequencer::drain), sequenceMillis, sequenceMillis,
                TimeUnit.MILLISECONDS);
        executor.scheduleWithFixedDelay(() -> quietly("checkpointing", () -> {
            checkpointer.checkpoint();
            mergeDelay.check();
        }), checkpointMillis, checkpointMillis, TimeUnit.MILLISECONDS);
        long pathMillis = config.pathCheckInterval().toMillis();
        executor.scheduleWithFixedDelay(() -> quietly("path check", path::check), 0, pathMillis, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        if (executor != null) {
            executor.shutdown();
            executor.awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private static void quietly(String what, Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            // the next run retries; nothing is lost because the queue keeps the records
            Log.errorf(e, "Ledger %s failed", what);
        }
    }
}
