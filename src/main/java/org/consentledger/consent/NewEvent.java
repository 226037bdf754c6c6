package org.consentledger.consent;

import java.time.Instant;
import java.time.LocalDate;
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
        String requestHash,
        /** The day retention may purge it on (see retention.RetentionPeriods). */
        LocalDate retainUntil) {

    public UUID eventId() {
        return stated.eventId();
    }
}
