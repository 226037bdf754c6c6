package org.consentledger.webhook;

import java.util.Arrays;
import java.util.Optional;

/** What a webhook tells, by its name on the wire. */
public enum WebhookEventType {
    CONSENT_CHANGED("consent.changed"),
    POLICY_PUBLISHED("policy.published"),
    IDENTITY_LINKED("identity.linked"),
    WEBHOOK_TEST("webhook.test");

    private final String wireName;

    WebhookEventType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    static Optional<WebhookEventType> of(String wireName) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(wireName)).findFirst();
    }
}
