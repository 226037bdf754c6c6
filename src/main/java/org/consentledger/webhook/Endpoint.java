package org.consentledger.webhook;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A stored webhook endpoint, secrets included: never sent as it is. */
record Endpoint(UUID id, UUID siteId, String url, List<String> events, String description, String secret,
        String previousSecret, Instant previousSecretUntil, Instant createdAt, Instant failingSince,
        Instant disabledAt, String disabledReason) {

    /** The secrets that sign at {@code now}: the current one, and the one it replaced for a day. */
    List<String> signingSecrets(Instant now) {
        List<String> secrets = new ArrayList<>(List.of(secret));
        if (previousSecret != null && previousSecretUntil != null && now.isBefore(previousSecretUntil)) {
            secrets.add(previousSecret);
        }
        return secrets;
    }
}
