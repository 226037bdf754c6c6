package org.consentledger.ledger.witness;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.consentledger.common.DaemonThreads;
import org.consentledger.ledger.LedgerConfig;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Submits checkpoints to the witnesses on the checkpoint interval, on a thread of its own: the
 * signer never waits for a witness. With no witnesses configured it starts nothing.
 */
@ApplicationScoped
class WitnessSchedule {

    @Inject WitnessSubmitter submitter;
    @Inject LedgerConfig config;
    private ScheduledExecutorService executor;

    void start(@Observes StartupEvent event) {
        if (!submitter.enabled()) {
            return;
        }
        executor = DaemonThreads.scheduler("ledger-witnesses", 1);
        long millis = config.checkpointInterval().toMillis();
        executor.scheduleWithFixedDelay(this::submit, millis, millis, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        if (executor != null) {
            executor.shutdown();
            executor.awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private void submit() {
        try {
            submitter.submitLatest();
        } catch (RuntimeException e) {
            // the next round retries; the checkpoint stays in the database
            Log.errorf(e, "Submitting the latest checkpoint to the witnesses failed");
        }
    }
}
