package org.consentledger.audit;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.consentledger.policy.PolicyKind;

/**
 * Counts over a period. {@code categoryGrants} looks at each visitor's latest consent-changing
 * event in the period and gives the share of those visitors for whom the category was granted;
 * {@code expiredDecisions} counts those latest decisions that have outlived their regime's
 * lifetime by now, accepting ones (any optional category granted) and rejecting ones apart.
 */
public record Summary(String siteKey, Instant from, Instant to, long total, Map<String, Long> byType,
        Map<String, Long> byJurisdiction, List<DocumentCount> byDocumentVersion, long visitorsWithDecision,
        Map<String, CategoryShare> categoryGrants, ExpiredDecisions expiredDecisions) {

    public record ExpiredDecisions(long accept, long reject) {
    }

    public record DocumentCount(UUID id, PolicyKind kind, String version, long events) {
    }

    public record CategoryShare(long granted, double share) {
    }
}
