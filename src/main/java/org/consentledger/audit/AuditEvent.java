package org.consentledger.audit;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.consentledger.consent.EventType;
import org.consentledger.consent.NewEvent;
import org.consentledger.consent.Outcome;
import org.consentledger.consent.StoredEvent;
import org.consentledger.jurisdiction.Jurisdiction;

/**
 * A consent event as auditors see it, in listings, histories and the NDJSON export. The row id,
 * the site's internal id and the request fingerprint stay inside the service.
 */
public record AuditEvent(
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
        /** The rendered notice the banner showed (GET .../notices/{noticeId}); null when it named none. */
        String noticeId,
        /** The IAB GPP string the banner gave the page's ad tech with this act; null outside the US opt-out regime. */
        String gppString,
        /** Position in the tamper-evident ledger; null until the sequencer reaches the event. */
        Long ledgerSeq,
        /** Base64 RFC 6962 leaf hash of the event's ledger record; null until sequenced. */
        String leafHash) {

    static AuditEvent of(StoredEvent stored) {
        NewEvent e = stored.event();
        return new AuditEvent(e.eventId(), e.siteKey(), e.stated().visitorId(), e.stated().type(),
                e.stated().documentVersionIds(), e.stated().categories(), e.outcome(), e.jurisdiction(),
                e.stated().pageUrl(), e.stated().language(), e.userAgent(), e.ipPrefix(), e.stated().gpc(),
                e.stated().clientTime() == null ? null : e.stated().clientTime().toInstant(), e.receivedAt(),
                e.stated().noticeId(), e.stated().gppString(), stored.ledgerSeq(), stored.leafHash());
    }
}
