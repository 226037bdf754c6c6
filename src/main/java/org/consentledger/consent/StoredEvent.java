package org.consentledger.consent;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.consentledger.jurisdiction.Jurisdiction;

import com.fasterxml.jackson.annotation.JsonIgnore;

/** A consent event as recorded. Immutable, like its row. */
public record StoredEvent(
        @JsonIgnore long id,
        UUID eventId,
        String siteKey,
        UUID visitorId,
        EventType type,
        List<UUID> documentVersionIds,
        List<String> categories,
        Outcome outcome,
        Jurisdiction jurisdiction,
        String pageUrl,
        String language,
        String userAgent,
        String ipPrefix,
        boolean gpc,
        Instant clientTime,
        Instant receivedAt,
        @JsonIgnore UUID siteId,
        @JsonIgnore String requestHash,
        /** Position in the tamper-evident ledger; null until the sequencer reaches the event. */
        Long ledgerSeq,
        /** Base64 RFC 6962 leaf hash of the event's ledger record; null until sequenced. */
        String leafHash) {
}
