package org.consentledger.consent;

import java.util.List;
import java.util.UUID;

import org.consentledger.ledger.RecordRef;
import org.consentledger.verify.Leaves;

/**
 * What names one event in the database: its eventId within its site (V30). In the ledger an event
 * is keyed {@code "<siteKey>/<eventId>"} (a site key never holds a slash, and never changes);
 * events queued before V30 are keyed by their eventId alone, so a reader looks an event's leaf up
 * under that key too when the event's own claim dates from before V30 ({@link #refs},
 * {@link EventStore#bareKeyed}).
 */
public record EventKey(UUID siteId, UUID eventId) {

    public static EventKey of(NewEvent event) {
        return new EventKey(event.siteId(), event.eventId());
    }

    /** An event's key in the ledger's queue and leaves. */
    public static String recordKey(String siteKey, UUID eventId) {
        return siteKey + "/" + eventId;
    }

    public static String recordKey(NewEvent event) {
        return recordKey(event.siteKey(), event.eventId());
    }

    /**
     * The refs its leaf may have: the one above, and with {@code bare}, the eventId alone of a leaf
     * made before V30. Only the event's own claim from before V30 may say so
     * ({@link EventStore#bareKeyed}): another site may have had that eventId then.
     */
    public static List<RecordRef> refs(String siteKey, UUID eventId, boolean bare) {
        RecordRef ref = new RecordRef(Leaves.CONSENT_EVENT, recordKey(siteKey, eventId));
        return bare ? List.of(ref, new RecordRef(Leaves.CONSENT_EVENT, eventId.toString())) : List.of(ref);
    }

    /** A record key split into its site key and eventId; null for a key made before V30, a bare eventId. */
    public static Named parse(String recordKey) {
        int slash = recordKey.indexOf('/');
        return slash < 0 ? null : new Named(recordKey.substring(0, slash), UUID.fromString(recordKey.substring(slash + 1)));
    }

    /** An event as its record key names it. */
    public record Named(String siteKey, UUID eventId) {
    }
}
