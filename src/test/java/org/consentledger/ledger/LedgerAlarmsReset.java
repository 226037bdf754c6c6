package org.consentledger.ledger;

import io.quarkus.arc.Arc;

/**
 * For tests that share one service ({@code support.OwnLedger}): after a test that raised a ledger
 * alarm on purpose, the service forgets it, as a restart would, so that the next test starts with
 * a healthy ledger.
 */
public final class LedgerAlarmsReset {

    private LedgerAlarmsReset() {
    }

    /** The merge-delay alarm, which a test raises by moving the clock days ahead of the sequencer. */
    public static void mergeDelay() {
        Arc.container().instance(MergeDelayCheck.class).get().forget();
    }
}
