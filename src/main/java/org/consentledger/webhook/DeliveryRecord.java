package org.consentledger.webhook;

import java.time.Instant;
import java.util.UUID;

/**
 * A 2xx answer to a delivery, as stored and as auditors see it next to the event it told: the
 * endpoint by its id and the SHA-256 of its URL, the {@code webhook-id} header as sent and the
 * status as answered. {@code eventId} only for consent.changed; the visitor is the event's.
 */
public record DeliveryRecord(
        long id,
        String siteKey,
        UUID endpointId,
        String urlSha256,
        String eventType,
        UUID eventId,
        String webhookId,
        int statusCode,
        Instant deliveredAt,
        /** Position in the tamper-evident ledger; null until the sequencer reaches the record. */
        Long ledgerSeq,
        /** Base64 RFC 6962 leaf hash of the record; null until sequenced. */
        String leafHash) {
}
