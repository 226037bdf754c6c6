package org.consentledger.ledger;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import io.quarkus.logging.Log;

/**
 * The state of an alarm with one reason at a time, for a check that is its own {@link LedgerAlarm}.
 * Once raised it stays raised, with the latest reason, until the service restarts: an operator who
 * hides the evidence afterwards must not silence it.
 */
public final class LatchedAlarm {

    private final AtomicReference<String> reason = new AtomicReference<>();

    /** Raises the alarm, logging the reason at ERROR the first time and whenever it changes. */
    public void raise(String reason) {
        if (!reason.equals(this.reason.getAndSet(reason))) {
            Log.error(reason);
        }
    }

    /** Lowers the alarm, as a restart does; see {@link MergeDelayCheck#forget()}. */
    void clear() {
        reason.set(null);
    }

    public Optional<String> reason() {
        return Optional.ofNullable(reason.get());
    }
}
