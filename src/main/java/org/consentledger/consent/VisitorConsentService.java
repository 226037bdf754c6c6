package org.consentledger.consent;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.consentledger.jurisdiction.CurrentRules;
import org.consentledger.jurisdiction.Jurisdiction;
import org.consentledger.jurisdiction.Regime;
import org.consentledger.notice.SiteNotice;
import org.consentledger.policy.PolicyKind;
import org.consentledger.policy.VersionFacts;

@ApplicationScoped
public class VisitorConsentService {

    private final EventStore store;
    private final Clock clock;
    private final CurrentRules rules;

    VisitorConsentService(EventStore store, Clock clock, CurrentRules rules) {
        this.clock = clock;
        this.rules = rules;
        this.store = store;
    }

    public VisitorConsent consent(SiteNotice site, UUID visitorId) {
        Optional<StoredEvent> latest = store.latestConsentChange(site.siteId(), visitorId);
        if (latest.isEmpty()) {
            return new VisitorConsent(visitorId, null, null, true);
        }
        NewEvent event = latest.get().event();
        Instant now = Instant.now(clock);
        boolean reconsent = reconsentRequired(site.versions(), event.outcome().acknowledged(), now) || expired(event, now);
        return new VisitorConsent(visitorId, event.eventId(), event.outcome(), reconsent);
    }

    /**
     * True once the decision is older than its regime's lifetime under the rules version that
     * decided it: the accept lifetime when it granted any optional category, the reject lifetime
     * when it denied them all. Events recorded before regimes existed do not expire.
     */
    private boolean expired(NewEvent event, Instant now) {
        Jurisdiction jurisdiction = event.jurisdiction();
        if (jurisdiction.regime() == null || jurisdiction.rulesVersion() == null) {
            return false;
        }
        Regime regime = rules.version(jurisdiction.rulesVersion()).rules().byCode(jurisdiction.regime());
        return regime != null && regime.expired(event.receivedAt(), event.outcome().grantsAnyOptional(), now);
    }

    /**
     * True when, for some kind of document, a material version has taken effect that was published
     * after the one the visitor last acknowledged (or the visitor never acknowledged any version
     * of a kind that has a material one in effect).
     */
    static boolean reconsentRequired(List<VersionFacts> versions, List<UUID> acknowledged, Instant now) {
        Map<UUID, VersionFacts> byId = versions.stream().collect(Collectors.toMap(VersionFacts::id, Function.identity()));
        Set<PolicyKind> kindsInEffect = versions.stream().filter(v -> !v.effectiveAt().isAfter(now))
                .map(VersionFacts::kind).collect(Collectors.toSet());
        for (PolicyKind kind : kindsInEffect) {
            Optional<Instant> acknowledgedAt = acknowledged.stream()
                    .map(byId::get)
                    .filter(v -> v != null && v.kind() == kind)
                    .map(VersionFacts::publishedAt)
                    .max(Instant::compareTo);
            boolean newerMaterial = versions.stream()
                    .filter(v -> v.kind() == kind && v.material() && !v.effectiveAt().isAfter(now))
                    .anyMatch(v -> acknowledgedAt.isEmpty() || v.publishedAt().isAfter(acknowledgedAt.get()));
            if (newerMaterial) {
                return true;
            }
        }
        return false;
    }
}
