package org.consentledger.consent;

import java.util.List;
import java.util.Map;

/**
 * Signs the receipts of recorded events. The ledger implements it, since it holds the key; this
 * package only names what it needs, because the ledger already depends on it.
 */
public interface ReceiptIssuer {

    /** A receipt before its signature: the statement of the event, and its leaf in a batch. */
    record Unsigned(Map<String, Object> statement, byte[] leafHash) {
    }

    /** The statement of the event exactly as it is recorded. Made on the request's thread, for one event. */
    Unsigned statementOf(NewEvent event);

    /** The receipts of one group commit, in order, as JSON objects: one signature for all of them. */
    List<Map<String, Object>> sign(List<Unsigned> receipts);

    /** The receipt of one event, signed alone. */
    default Map<String, Object> receiptFor(NewEvent event) {
        return sign(List.of(statementOf(event))).get(0);
    }
}
