package org.consentledger.consent;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.consentledger.common.ApiException;
import org.consentledger.common.Hashing;
import org.consentledger.jurisdiction.Mode;
import org.consentledger.jurisdiction.Regime;
import org.consentledger.jurisdiction.RegimeChoice;
import org.consentledger.jurisdiction.Regimes;
import org.consentledger.jurisdiction.RulesVersion;
import org.consentledger.notice.RenderedNotices;
import org.consentledger.notice.ServedNotice;
import org.consentledger.notice.SiteNotice;
import org.consentledger.notice.SiteNotices;
import org.consentledger.retention.RetentionPeriods;
import org.consentledger.site.Site;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Records consent events: checks them against the site, decides the outcome, appends the row. */
@Singleton
public class EventService {

    public record Recorded(boolean created, EventResponse response) {
    }

    /**
     * What recording an event reads from the caches, taken once: whatever expires after the check,
     * the event is recorded with the entries the check saw.
     */
    public record Inputs(SiteNotice site, RulesVersion rules) {
    }

    @Inject SiteNotices notices;
    @Inject EventWriter writer;
    @Inject ReceiptIssuer receipts;
    @Inject ObjectMapper json;
    @Inject Acknowledgements acknowledgements;
    @Inject Clock clock;
    @Inject Regimes regimes;
    @Inject EventStore store;
    @Inject RenderedNotices renderings;

    /**
     * Records the event, or finds the one already recorded under its eventId: the same body gives
     * back the original, a different body is a 409. Invalid input throws at once and writes
     * nothing; the returned stage completes only after the commit.
     */
    public CompletionStage<Recorded> record(SiteNotice site, EventRequest request, RequestFacts facts) {
        return record(new Inputs(site, regimes.currentRules()), request, facts);
    }

    /** {@link #record(SiteNotice, EventRequest, RequestFacts)} with the site and rules read before. */
    public CompletionStage<Recorded> record(Inputs inputs, EventRequest request, RequestFacts facts) {
        SiteNotice site = inputs.site();
        Instant receivedAt = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
        request.requireClientTimeNear(receivedAt);
        List<String> chosen = chosenCategories(site, request);
        RegimeChoice regime = Regimes.choose(inputs.rules(), facts.jurisdiction(), site.regimeOverrides());
        List<UUID> shown = shownVersions(site, request.documentVersionIds(), namedNotice(site, request, regime));
        boolean gpc = gpc(request, facts);
        Mode mode = regime.regime().mode();
        boolean optedOut = OutcomeRules.needsOptOutHistory(request.type(), mode, gpc)
                && optedOutBefore(site, request.visitorId());
        List<String> exemptHere = site.exemptCategories(regime.regime());
        List<String> exempt = exemptHere;
        List<String> grantedBefore = List.of();
        if (needsObjectionHistory(request.type(), exemptHere)) {
            Optional<Outcome> latest = latestOutcome(site, request.visitorId());
            if (request.type().implied() && latest.filter(o -> OutcomeRules.objected(o, exemptHere)).isPresent()) {
                exempt = List.of();
            }
            grantedBefore = latest.map(OutcomeRules::granted).orElse(List.of());
        }
        Outcome outcome = OutcomeRules.decide(request.type(), new OutcomeRules.Terms(mode, site.categories(),
                site.impliedConsentCategories(), site.saleOrShareCategories(), exempt, grantedBefore), chosen, gpc,
                optedOut, shown);
        NewEvent event = new NewEvent(site.siteId(), site.siteKey(),
                request.asRecorded(shown, request.categories() == null ? null : chosen, gpc), outcome,
                regime.jurisdiction(), facts.userAgent(), facts.ipPrefix(),
                receivedAt, requestHash(request), RetentionPeriods.retainUntil(receivedAt,
                        RetentionPeriods.months(site.retentionMonths(), regime.regime())));
        // The statement is made here, where the event is decided; the writer signs its commit's receipts at once.
        ReceiptIssuer.Unsigned receipt = receipts.statementOf(event);
        return writer.submit(event, receipt).thenApply(committed -> {
            EventStore.Written written = committed.written();
            if (written.created()) {
                acknowledgements.add(event);
                return new Recorded(true, EventResponse.of(event, committed.receipt()));
            }
            NewEvent original = written.event();
            if (!original.siteId().equals(site.siteId()) || !original.requestHash().equals(event.requestHash())) {
                throw ApiException.conflict("An event with this eventId was already recorded with a different body");
            }
            return new Recorded(false, EventResponse.of(original, receipts.receiptFor(original)));
        });
    }

    /**
     * The site and rules from memory when recording this event reads nothing else: no site, rules
     * or noticeId to load (the noticeIds held are never dropped), no opt-out history to look up.
     * Empty otherwise. Only an event with inputs in memory may be recorded on an event loop, and
     * with these very inputs: each cache entry is read once, so none can expire between this check
     * and the use.
     */
    public Optional<Inputs> inMemory(String siteKey, EventRequest request, RequestFacts facts) {
        Optional<SiteNotice> site = notices.held(siteKey);
        if (site.isEmpty() || (request.noticeId() != null && !renderings.holds(request.noticeId()))) {
            return Optional.empty();
        }
        Optional<RulesVersion> rules = regimes.heldRules();
        if (rules.isEmpty()) {
            return Optional.empty();
        }
        Regime regime = Regimes.choose(rules.get(), facts.jurisdiction(), site.get().regimeOverrides()).regime();
        return OutcomeRules.needsOptOutHistory(request.type(), regime.mode(), gpc(request, facts))
                || needsObjectionHistory(request.type(), site.get().exemptCategories(regime))
                ? Optional.empty()
                : Optional.of(new Inputs(site.get(), rules.get()));
    }

    /**
     * The site and the current rules; blocking: reads the database on a miss. The route outside
     * the REST layer ({@link EventRoute}) calls it without a request context, which the entity
     * reads need.
     */
    @ActivateRequestContext
    public Inputs load(String siteKey) {
        return new Inputs(notices.forSite(siteKey), regimes.currentRules());
    }

    /** Global Privacy Control, from the body or from the browser's Sec-GPC header. */
    private static boolean gpc(EventRequest request, RequestFacts facts) {
        return Boolean.TRUE.equals(request.gpc()) || facts.gpcHeader();
    }

    /** Whether the visitor's latest consent change on the site opted out of sale or sharing. */
    private boolean optedOutBefore(SiteNotice site, UUID visitorId) {
        return store.latestConsentChange(site.siteId(), visitorId)
                .map(latest -> OutcomeRules.optedOut(latest.event().stated().type(), latest.event().outcome(),
                        site.saleOrShareCategories()))
                .orElse(false);
    }

    /**
     * Where categories are exempt, an implied act sets them unless the visitor objected before, and
     * an objection keeps what the visitor granted before: both read the latest consent change.
     */
    private static boolean needsObjectionHistory(EventType type, List<String> exempt) {
        return (type.implied() || type == EventType.OPTED_OUT) && !exempt.isEmpty();
    }

    private Optional<Outcome> latestOutcome(SiteNotice site, UUID visitorId) {
        return store.latestConsentChange(site.siteId(), visitorId).map(latest -> latest.event().outcome());
    }

    public SiteNotice site(String siteKey) {
        return notices.forSite(siteKey);
    }

    private static List<String> chosenCategories(SiteNotice site, EventRequest request) {
        if (request.categories() == null) {
            return List.of();
        }
        if (request.type() != EventType.PREFERENCES_SAVED) {
            throw ApiException.invalid("categories", "is only allowed with type PREFERENCES_SAVED");
        }
        for (String category : request.categories()) {
            if (!category.equals(Site.NECESSARY) && !site.categories().contains(category)) {
                throw ApiException.invalid("categories", "'" + category + "' is not one of the site's categories");
            }
        }
        return request.categories().stream().filter(c -> !c.equals(Site.NECESSARY)).distinct().sorted().toList();
    }

    /**
     * The notice the event names, if it names one: served by this site, and rendered for the
     * visitor's regime. An event stating it showed a notice without a Reject button to a visitor
     * who must be offered one would make its evidence prove a consent that was never asked for.
     */
    private ServedNotice namedNotice(SiteNotice site, EventRequest request, RegimeChoice regime) {
        String noticeId = request.noticeId();
        if (noticeId == null) {
            return null;
        }
        ServedNotice notice = renderings.served(noticeId).filter(n -> n.siteId().equals(site.siteId()))
                .orElseThrow(() -> ApiException.invalid("noticeId", "this site never served notice " + noticeId));
        String visitors = regime.regime().code();
        if (!visitors.equals(notice.regime())) {
            throw ApiException.invalid("noticeId", "notice " + noticeId + " was rendered for regime " + notice.regime()
                    + ", not for this visitor's regime " + visitors);
        }
        return notice;
    }

    /**
     * The versions the event says were shown: those it names, each published by the site and, if
     * it names a notice, listed on that notice; without any named, the notice's, else the site's current ones.
     */
    private static List<UUID> shownVersions(SiteNotice site, List<UUID> requested, ServedNotice notice) {
        if (requested == null) {
            return notice == null ? site.documentIds() : notice.documentIds();
        }
        for (UUID id : requested) {
            if (!site.publishes(id)) {
                throw ApiException.invalid("documentVersionIds", "no policy version " + id + " on this site");
            }
            if (notice != null && !notice.documentIds().contains(id)) {
                throw ApiException.invalid("documentVersionIds", "policy version " + id + " is not on the notice the "
                        + "event names");
            }
        }
        return requested.stream().distinct().toList();
    }

    /** Fingerprint of the body as sent, to tell an honest retry from a reused eventId. */
    private String requestHash(EventRequest request) {
        try {
            return Hashing.sha256Hex(json.writeValueAsString(request).getBytes(StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
