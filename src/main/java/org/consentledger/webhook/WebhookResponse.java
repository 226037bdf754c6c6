package org.consentledger.webhook;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An endpoint as admins see it. {@code secret} only in the answers that make one (create and
 * rotate), never again; {@code disabledAt} and {@code disabledReason} when deliveries stopped.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WebhookResponse(UUID id, String url, List<String> events, String description, String secret,
        Instant createdAt, Instant failingSince, Instant disabledAt, String disabledReason) {

    static WebhookResponse of(Endpoint e) {
        return new WebhookResponse(e.id(), e.url(), e.events(), e.description(), null, e.createdAt(), e.failingSince(),
                e.disabledAt(), e.disabledReason());
    }

    WebhookResponse withSecret(String shownOnce) {
        return new WebhookResponse(id, url, events, description, shownOnce, createdAt, failingSince, disabledAt,
                disabledReason);
    }
}
