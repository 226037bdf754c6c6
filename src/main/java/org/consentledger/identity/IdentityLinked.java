package org.consentledger.identity;

import java.time.Instant;
import java.util.UUID;

/**
 * Fired, synchronously and inside the linking transaction, when a visitor id is linked to an
 * account, so that what observers write (the webhooks' outbox) commits with the link. Only the
 * account's keyed hash, never the clear userId.
 */
public record IdentityLinked(UUID siteId, String siteKey, UUID visitorId, String userIdHash, long linkEventId,
        Instant at) {
}
