package org.consentledger.decision;

import java.time.Instant;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;

import org.consentledger.consent.CurrentDecision;
import org.consentledger.consent.Outcome.Basis;
import org.consentledger.consent.Outcome.Grant;
import org.consentledger.consent.VisitorConsentService.Standing;
import org.consentledger.notice.SiteNotice;
import org.consentledger.site.SiteResponse.CategoryView;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What a backend must honour now for one subject. {@code decided} false: the person never chose,
 * and only the required categories are granted. {@code current} false: the decision stands but
 * is due to be asked again (a material policy version took effect since, or its lifetime ended);
 * always false when nothing was decided. The subject as asked: {@code visitorId} or {@code userId},
 * the account id echoed to the backend that sent it. For a linked visitor id or an account, the
 * decision is the person's (see {@link org.consentledger.consent.VisitorConsentService}).
 */
public record DecisionResponse(String siteKey, @JsonInclude(JsonInclude.Include.NON_NULL) UUID visitorId,
        @JsonInclude(JsonInclude.Include.NON_NULL) String userId, boolean decided, SortedMap<String, Grant> categories,
        Basis basis, String regime, Instant decidedAt, List<UUID> policyVersionIds, boolean current, UUID eventId) {

    static DecisionResponse of(SiteNotice site, Subject subject, Standing standing) {
        CurrentDecision decision = standing.decision();
        SortedMap<String, Grant> categories = new TreeMap<>();
        if (decision != null) {
            categories.putAll(decision.outcome().categories());
        }
        // A category the decision does not name (added to the site since) was never granted.
        for (CategoryView category : site.categoryViews()) {
            categories.putIfAbsent(category.key(), category.required() ? Grant.GRANTED : Grant.DENIED);
        }
        if (decision == null) {
            return new DecisionResponse(site.siteKey(), subject.visitorId(), subject.userId(), false, categories, null, null, null,
                    List.of(), false, null);
        }
        return new DecisionResponse(site.siteKey(), subject.visitorId(), subject.userId(), true, categories, decision.outcome().basis(),
                decision.regime(), decision.receivedAt(), decision.documentVersionIds(), !standing.reconsentRequired(),
                decision.eventId());
    }
}
