package org.consentledger.identity;

import java.time.Instant;
import java.util.UUID;

/**
 * A link or unlink, as stored and as auditors see it in a person's history. The account appears
 * only as its hash; {@code actor} is the subject of the service token that asked.
 */
public record IdentityEvent(
        long identityEventId,
        String siteKey,
        UUID visitorId,
        IdentityEventType type,
        String userHash,
        String actor,
        Instant at,
        /** Position in the tamper-evident ledger; null until the sequencer reaches the event. */
        Long ledgerSeq,
        /** Base64 RFC 6962 leaf hash of the event's ledger record; null until sequenced. */
        String leafHash) {
}
