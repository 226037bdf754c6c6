package org.consentledger.ledger;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.consentledger.common.DaemonThreads;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Runs the sequencer, the checkpointer and the ledger's own checks in the background, on their
 * configured intervals. Only the replica holding the {@link SequencerLease} sequences, signs
 * checkpoints and prunes the queue; every replica renews or tries the lease, and checks the merge
 * delay of the events it acknowledged itself and the ledger's path.
 */
@ApplicationScoped
public class LedgerScheduler {

    @Inject LedgerSequencer sequencer;
    @Inject Checkpointer checkpointer;
    @Inject LedgerPath path;
    @Inject MergeDelayCheck mergeDelay;
    @Inject LedgerConfig config;
    @Inject SequencerLease lease;
    private ScheduledExecutorService executor;

    void start(@Observes StartupEvent event) {
        executor = DaemonThreads.scheduler("ledger", 3);
        long sequenceMillis = config.sequenceInterval().toMillis();
        long checkpointMillis = config.checkpointInterval().toMillis();
        long leaseMillis = config.leaseInterval().toMillis();
        executor.scheduleWithFixedDelay(() -> quietly("lease renewal", lease::renew), 0, leaseMillis, TimeUnit.MILLISECONDS);
        executor.scheduleWithFixedDelay(() -> quietly("sequencing", () -> {
            if (lease.leader()) {
                sequencer.drain();
            }
        }), sequenceMillis, sequenceMillis, TimeUnit.MILLISECONDS);
        executor.scheduleWithFixedDelay(() -> quietly("checkpointing", () -> {
            if (lease.leader()) {
                checkpointer.checkpoint();
            }
            mergeDelay.check();
        }), checkpointMillis, checkpointMillis, TimeUnit.MILLISECONDS);
        long pruneMillis = config.queuePruneInterval().toMillis();
        executor.scheduleWithFixedDelay(() -> quietly("queue pruning", () -> {
            if (lease.leader()) {
                sequencer.pruneQueue();
            }
        }), pruneMillis, pruneMillis, TimeUnit.MILLISECONDS);
        long pathMillis = config.pathCheckInterval().toMillis();
        executor.scheduleWithFixedDelay(() -> quietly("path check", path::check), 0, pathMillis, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        if (executor != null) {
            executor.shutdown();
            executor.awaitTermination(5, TimeUnit.SECONDS);
        }
        lease.release();
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
