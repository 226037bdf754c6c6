package org.consentledger.consent;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.consentledger.jurisdiction.CurrentRules;
import org.consentledger.jurisdiction.Regime;
import org.consentledger.notice.SiteNotice;
import org.consentledger.policy.PolicyKind;
import org.consentledger.policy.VersionFacts;

/**
 * A visitor's standing consent, read from the standing decisions ({@link DecisionStore}), and
 * whether they must be asked again. The banner's consent read and the backends' decisions both
 * come from here, so they never disagree.
 */
@ApplicationScoped
public class VisitorConsentService {

    /** A visitor's standing decision, null when they never decided, and whether it is due to be asked again. */
    public record Standing(CurrentDecision decision, boolean reconsentRequired) {
    }

    private final DecisionStore decisions;
    private final Clock clock;
    private final CurrentRules rules;

    VisitorConsentService(DecisionStore decisions, Clock clock, CurrentRules rules) {
        this.clock = clock;
        this.rules = rules;
        this.decisions = decisions;
    }

    public VisitorConsent consent(SiteNotice site, UUID visitorId) {
        Standing standing = standings(site, List.of(visitorId)).get(visitorId);
        CurrentDecision decision = standing.decision();
        return decision == null ? new VisitorConsent(visitorId, null, null, true)
                : new VisitorConsent(visitorId, decision.eventId(), decision.outcome(), standing.reconsentRequired());
    }

    /**
     * The standing of each of these visitors, read in one statement. A visitor who never decided
     * has no decision and must be asked; one who did must be asked again once a material version
     * took effect after what they acknowledged, or their decision outlived its lifetime.
     */
    public Map<UUID, Standing> standings(SiteNotice site, Collection<UUID> visitorIds) {
        Map<UUID, CurrentDecision> found = decisions.find(site.siteId(), visitorIds);
        Instant now = Instant.now(clock);
        Map<UUID, Standing> standings = new HashMap<>();
        for (UUID visitorId : visitorIds) {
            CurrentDecision decision = found.get(visitorId);
            standings.put(visitorId, new Standing(decision, decision == null
                    || reconsentRequired(site.versions(), decision.outcome().acknowledged(), now) || expired(decision, now)));
        }
        return standings;
    }

    /**
     * True once the decision is older than its regime's lifetime under the rules version that
     * decided it: the accept lifetime when it granted any optional category, the reject lifetime
     * when it denied them all. Events recorded before regimes existed do not expire.
     */
    private boolean expired(CurrentDecision decision, Instant now) {
        if (decision.regime() == null || decision.rulesVersion() == null) {
            return false;
        }
        Regime regime = rules.version(decision.rulesVersion()).rules().byCode(decision.regime());
        return regime != null && regime.expired(decision.receivedAt(), decision.outcome().grantsAnyOptional(), now);
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
