package org.consentledger.webhook;

import java.time.Instant;
import java.util.UUID;

/** One delivery in the log: {@code nextAttemptAt} only while it is pending. */
public record DeliveryResponse(long id, String webhookId, String eventType, UUID eventId, String status, int attempts,
        Integer lastStatusCode, String lastError, Instant nextAttemptAt, Instant createdAt, Instant deliveredAt) {

    static DeliveryResponse of(Delivery d) {
        return new DeliveryResponse(d.id(), d.webhookId(), d.eventType(), d.eventId(), d.status(), d.attempts(),
                d.lastStatusCode(), d.lastError(), Delivery.PENDING.equals(d.status()) ? d.nextAttemptAt() : null,
                d.createdAt(), d.deliveredAt());
    }
}
