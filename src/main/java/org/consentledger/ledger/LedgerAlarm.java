package org.consentledger.ledger;

import java.util.Optional;

/**
 * A source of alarms about the ledger's integrity other than the signer's own ({@link SignedHead}),
 * such as witnesses refusing its checkpoints. {@link LedgerHealth} reports every one of them, so a
 * feature that depends on the ledger can raise an alarm without the ledger depending on it.
 */
public interface LedgerAlarm {

    /** The name it is reported under in the ledger health check. */
    String name();

    /** What is wrong, if anything. */
    Optional<String> raised();
}
