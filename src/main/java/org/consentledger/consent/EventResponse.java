package org.consentledger.consent;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.consentledger.jurisdiction.Jurisdiction;

/**
 * The acknowledgement of a recorded event: sent only once the row is committed, with the
 * ledger's signed receipt of it.
 */
public record EventResponse(UUID eventId, Instant receivedAt, Jurisdiction jurisdiction, Outcome outcome,
        Map<String, Object> receipt) {

    static EventResponse of(NewEvent event, Map<String, Object> receipt) {
        return new EventResponse(event.eventId(), event.receivedAt(), event.jurisdiction(), event.outcome(), receipt);
    }
}
