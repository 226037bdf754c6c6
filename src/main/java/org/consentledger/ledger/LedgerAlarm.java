package org.consentledger.ledger;

import java.util.Optional;

/**
 * An alarm about the ledger's integrity. {@link LedgerHealth} reports every bean that implements
 * this, by name: the signer's ({@link Checkpointer}), the ledger's path ({@link LedgerPath}), the
 * merge delay ({@link MergeDelayCheck}) and the witnesses' refusals. A feature that depends on the
 * ledger raises an alarm the same way, without the ledger depending on it.
 */
public interface LedgerAlarm {

    /** The name it is reported under in the ledger health check. */
    String name();

    /** What is wrong, if anything. */
    Optional<String> raised();
}
