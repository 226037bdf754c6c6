package org.consentledger.consent;

import java.time.Instant;
import java.util.UUID;

import org.consentledger.jurisdiction.Jurisdiction;

/** The acknowledgement of a recorded event: sent only once the row is committed. */
public record EventResponse(UUID eventId, Instant receivedAt, Jurisdiction jurisdiction, Outcome outcome) {

    static EventResponse from(NewEvent event) {
        return new EventResponse(event.eventId(), event.receivedAt(), event.jurisdiction(), event.outcome());
    }
}
