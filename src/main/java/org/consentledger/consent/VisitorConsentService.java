package org.consentledger.consent;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
 * <p>
 * A visitor id linked to an account ({@link LinkedVisitors}) stands by the person's decision: of
 * the decisions of every visitor id linked to that account now, the one the rule of
 * {@link DecisionStore} prefers: the latest explicit act, or without one the latest implied act,
 * "latest" by consent_event.id as for one visitor. It is merged when read, so a link or an unlink
 * changes what every linked visitor id reads at once, and no row is written for it.
 */
@ApplicationScoped
public class VisitorConsentService {

    /** A visitor's standing decision, null when they never decided, and whether it is due to be asked again. */
    public record Standing(CurrentDecision decision, boolean reconsentRequired) {
    }

    /** The standings asked for: by visitor id, and by account hash. */
    public record Standings(Map<UUID, Standing> byVisitor, Map<String, Standing> byUser) {
    }

    private final DecisionStore decisions;
    private final LinkedVisitors linked;
    private final Clock clock;
    private final CurrentRules rules;

    VisitorConsentService(DecisionStore decisions, LinkedVisitors linked, Clock clock, CurrentRules rules) {
        this.clock = clock;
        this.rules = rules;
        this.linked = linked;
        this.decisions = decisions;
    }

    public VisitorConsent consent(SiteNotice site, UUID visitorId) {
        Standing standing = standings(site, List.of(visitorId), List.of()).byVisitor().get(visitorId);
        CurrentDecision decision = standing.decision();
        return decision == null ? new VisitorConsent(visitorId, null, null, null, true)
                : new VisitorConsent(visitorId, decision.eventId(), decision.outcome(), decision.regime(),
                        standing.reconsentRequired());
    }

    /**
     * The standing of each of these visitors and accounts (by hash), in two statements however
     * many they are: the links, then the decisions of every visitor id concerned. An account is
     * bounded to {@code consent.identity.max-visitors-per-user} visitor ids. A visitor who never
     * decided has no decision and must be asked; one who did must be asked again once a material
     * version took effect after what they acknowledged, or their decision outlived its lifetime.
     */
    public Standings standings(SiteNotice site, Collection<UUID> visitorIds, Collection<String> userHashes) {
        LinkedVisitors.Links links = linked.of(site.siteId(), visitorIds, userHashes);
        Set<UUID> concerned = new HashSet<>(visitorIds);
        links.visitorsOf().values().forEach(concerned::addAll);
        Map<UUID, CurrentDecision> found = decisions.find(site.siteId(), concerned);
        Map<String, CurrentDecision> persons = new HashMap<>();
        links.visitorsOf().forEach((user, visitors) -> visitors.stream().map(found::get).filter(Objects::nonNull)
                .max(DecisionStore.PRECEDENCE).ifPresent(decision -> persons.put(user, decision)));
        Instant now = Instant.now(clock);
        Map<UUID, Standing> byVisitor = new HashMap<>();
        for (UUID visitorId : visitorIds) {
            String user = links.accountOf().get(visitorId);
            byVisitor.put(visitorId, standing(site, user == null ? found.get(visitorId) : persons.get(user), now));
        }
        Map<String, Standing> byUser = new HashMap<>();
        for (String user : userHashes) {
            byUser.put(user, standing(site, persons.get(user), now));
        }
        return new Standings(byVisitor, byUser);
    }

    private Standing standing(SiteNotice site, CurrentDecision decision, Instant now) {
        return new Standing(decision, decision == null
                || reconsentRequired(site.versions(), decision.outcome().acknowledged(), now) || expired(decision, now));
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
