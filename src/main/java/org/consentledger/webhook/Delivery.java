package org.consentledger.webhook;

import java.time.Instant;
import java.util.UUID;

/** One delivery of one message to one endpoint, as stored. */
record Delivery(long id, UUID messageId, UUID endpointId, String eventType, UUID eventId, String payload,
        String status, int attempts, Integer lastStatusCode, String lastError, Instant nextAttemptAt,
        Instant createdAt, Instant deliveredAt) {

    static final String PENDING = "PENDING";
    static final String DELIVERED = "DELIVERED";
    static final String FAILED = "FAILED";

    /** The webhook-id header: the same on every attempt, so a receiver can drop a repeat. */
    String webhookId() {
        return "msg_" + messageId;
    }
}
