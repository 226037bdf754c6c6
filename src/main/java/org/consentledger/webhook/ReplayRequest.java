package org.consentledger.webhook;

import java.time.Instant;

import jakarta.validation.constraints.NotNull;

/** Replay the deliveries made since {@code from}. */
public record ReplayRequest(@NotNull Instant from) {
}
