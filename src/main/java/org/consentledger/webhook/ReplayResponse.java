package org.consentledger.webhook;

import java.time.Instant;

/** How many deliveries were made due again; {@code nextFrom} is where to replay the rest from, absent when none is left. */
public record ReplayResponse(int replayed, Instant nextFrom) {
}
