package org.consentledger.webhook;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An endpoint as admins see it, with its health. {@code secret} only in the answers that make one
 * (create and rotate), never again; {@code disabledAt} and {@code disabledReason} when deliveries
 * stopped; {@code failingSince} while no attempt has succeeded since a failure.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WebhookResponse(UUID id, String url, List<String> events, String description, String secret,
        Instant createdAt, boolean enabled, Instant failingSince, Instant disabledAt, String disabledReason,
        Instant lastDeliveredAt, long pendingDeliveries, long failedDeliveries) {

    static WebhookResponse of(Endpoint e, EndpointHealth health) {
        return new WebhookResponse(e.id(), e.url(), e.events(), e.description(), null, e.createdAt(),
                e.disabledAt() == null, e.failingSince(), e.disabledAt(), e.disabledReason(), health.lastDeliveredAt(),
                health.pending(), health.failed());
    }

    WebhookResponse withSecret(String shownOnce) {
        return new WebhookResponse(id, url, events, description, shownOnce, createdAt, enabled, failingSince, disabledAt,
                disabledReason, lastDeliveredAt, pendingDeliveries, failedDeliveries);
    }
}
