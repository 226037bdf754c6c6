package org.consentledger.consent;

import java.time.Instant;
import java.util.UUID;

import org.consentledger.jurisdiction.Jurisdiction;

/**
 * A consent event as ingestion builds it, before it is stored: what the client stated (as
 * recorded), and what the server decided and observed. Immutable, like its row.
 */
public record NewEvent(
        UUID siteId,
        String siteKey,
        EventRequest stated,
        Outcome outcome,
        Jurisdiction jurisdiction,
        String userAgent,
        String ipPrefix,
        Instant receivedAt,
        /** Fingerprint of the body as sent, to tell an honest retry from a reused eventId. */
        String requestHash) {

    public UUID eventId() {
        return stated.eventId();
    }
}
