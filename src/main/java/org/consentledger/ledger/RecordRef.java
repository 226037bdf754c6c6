package org.consentledger.ledger;

/** Which record a leaf holds: its table and its key there. */
public record RecordRef(String source, String recordKey) {

    public String id() {
        return source + ":" + recordKey;
    }
}
