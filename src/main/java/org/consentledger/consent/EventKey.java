package org.consentledger.consent;

import java.util.List;
import java.util.UUID;

import org.consentledger.ledger.RecordRef;
import org.consentledger.verify.Leaves;

/**
 * What names one event: its eventId within its site (V30). In the ledger an event is keyed
 * {@code "<site id>/<eventId>"}; events queued before V30 are keyed by their eventId alone, so a
 * reader looks an event's leaf up under both ({@link #refs}).
 */
public record EventKey(UUID siteId, UUID eventId) {

    public static EventKey of(NewEvent event) {
        return new EventKey(event.siteId(), event.eventId());
    }

    /** Its key in the ledger's queue and leaves. */
    public String recordKey() {
        return siteId + "/" + eventId;
    }

    /** The refs its leaf may have: the one above, and the eventId alone of a leaf made before V30. */
    public List<RecordRef> refs() {
        return List.of(new RecordRef(Leaves.CONSENT_EVENT, recordKey()),
                new RecordRef(Leaves.CONSENT_EVENT, eventId.toString()));
    }

    /** A key of the form {@link #recordKey()}; null for a key made before V30, which is a bare eventId. */
    public static EventKey parse(String recordKey) {
        int slash = recordKey.indexOf('/');
        if (slash < 0) {
            return null;
        }
        return new EventKey(UUID.fromString(recordKey.substring(0, slash)), UUID.fromString(recordKey.substring(slash + 1)));
    }
}
