package org.consentledger.consent;

import java.util.Map;

/**
 * Signs the receipt of a recorded event. The ledger implements it, since it holds the key; this
 * package only names what it needs, because the ledger already depends on it.
 */
public interface ReceiptIssuer {

    /** The receipt of the event exactly as it is recorded, as a JSON object. */
    Map<String, Object> receiptFor(NewEvent event);
}
