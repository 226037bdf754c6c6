package org.consentledger.webhook;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** What an admin sends to add an endpoint: where, which event types (see {@link WebhookEventType}), and a note. */
public record WebhookRequest(
        @NotBlank @Size(max = WebhookUrls.MAX_LENGTH) String url,
        @NotEmpty @Size(max = 4) List<@NotNull String> events,
        @Size(max = 500) String description) {
}
