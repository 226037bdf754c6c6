package org.consentledger.audit;

import java.util.List;
import java.util.UUID;

import org.consentledger.policy.PolicyKind;
import org.consentledger.webhook.DeliveryRecord;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * Everything a visitor did on a site, oldest first, with the fingerprint of every version they were
 * shown and the webhook endpoints told of each event (its consent.changed deliveries answered 2xx).
 */
public record VisitorHistory(String siteKey, UUID visitorId, List<Entry> events) {

    public record Entry(@JsonUnwrapped AuditEvent event, List<DocumentRef> documents, List<DeliveryRecord> deliveries) {
    }

    public record DocumentRef(UUID id, PolicyKind kind, String version, String sha256) {
    }
}
