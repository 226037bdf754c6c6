package org.consentledger.policy;

import java.util.Map;
import java.util.UUID;

/**
 * Fired, synchronously and inside the publishing transaction, when a policy version is published,
 * so that what observers write (the webhooks' outbox) commits with it. {@code summary} is what the
 * admin log keeps of the version.
 */
public record PolicyPublished(UUID siteId, Map<String, Object> summary) {
}
