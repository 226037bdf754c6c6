package org.consentledger.identity;

import java.time.Instant;
import java.util.UUID;

/**
 * A link in force: the visitor id, the account's hash, and the LINKED event that made it (its
 * id and time). What the identities endpoints answer; the same link always answers the same.
 */
public record IdentityLink(String siteKey, UUID visitorId, String userHash, long linkEventId, Instant linkedAt) {
}
