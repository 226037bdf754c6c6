package org.consentledger.audit;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.consentledger.common.Cursors;
import org.consentledger.common.KeysetPage;
import org.consentledger.consent.EventType;
import org.consentledger.consent.StoredEvent;
import org.consentledger.identity.IdentityEvent;
import org.consentledger.identity.IdentityEvents;
import org.consentledger.identity.UserIds;
import org.consentledger.jurisdiction.CurrentRules;
import org.consentledger.policy.PolicyVersion;
import org.consentledger.policy.PolicyVersionRepository;
import org.consentledger.site.Site;
import org.consentledger.site.SiteRepository;
import org.consentledger.webhook.DeliveryRecord;
import org.consentledger.webhook.DeliveryRecords;

@ApplicationScoped
public class AuditService {

    @Inject AuditQueries queries;
    @Inject SiteRepository sites;
    @Inject PolicyVersionRepository policyVersions;
    @Inject CurrentRules rules;
    @Inject UserIds userIds;
    @Inject IdentityEvents identityEvents;
    @Inject DeliveryRecords deliveries;
    @Inject Clock clock;

    public KeysetPage<AuditEvent> events(String siteKey, EventFilter filter, int limit, String cursor) {
        long after = Cursors.decode(cursor);
        Site site = sites.require(siteKey);
        return KeysetPage.of(queries.events(site.id, filter, after, limit + 1), limit, StoredEvent::id)
                .map(AuditEvent::of);
    }

    public VisitorHistory history(String siteKey, UUID visitorId) {
        Site site = sites.require(siteKey);
        return new VisitorHistory(siteKey, visitorId, historyOf(site, List.of(visitorId)));
    }

    /**
     * A person's history: the events of every visitor id their identity events ever linked (not
     * only the links in force), merged with those identity events by time, oldest first.
     */
    public UserHistory userHistory(String siteKey, String userId) {
        UserIds.requireValid(userId);
        Site site = sites.require(siteKey);
        String userHash = userIds.hash(site.id, userId);
        List<IdentityEvent> links = identityEvents.ofUser(site.id, userHash);
        List<UUID> visitors = links.stream().map(IdentityEvent::visitorId).distinct().toList();
        List<VisitorHistory.Entry> consent = visitors.isEmpty() ? List.of() : historyOf(site, visitors);
        List<UserHistory.Entry> merged = new ArrayList<>(consent.size() + links.size());
        int next = 0;
        for (VisitorHistory.Entry entry : consent) {
            while (next < links.size() && links.get(next).at().isBefore(entry.event().receivedAt())) {
                merged.add(UserHistory.Entry.of(links.get(next++)));
            }
            merged.add(UserHistory.Entry.of(entry));
        }
        links.subList(next, links.size()).forEach(link -> merged.add(UserHistory.Entry.of(link)));
        return new UserHistory(siteKey, userHash, visitors, merged);
    }

    /**
     * The visitors' events, oldest first, with the fingerprint of every version each was shown and
     * the records of its webhook deliveries.
     */
    private List<VisitorHistory.Entry> historyOf(Site site, List<UUID> visitorIds) {
        Map<UUID, PolicyVersion> versions = policyVersions.allOf(site.id).stream()
                .collect(Collectors.toMap(v -> v.id, Function.identity()));
        List<AuditEvent> events = queries.visitorEvents(site.id, visitorIds).stream().map(AuditEvent::of).toList();
        Map<UUID, List<DeliveryRecord>> told = deliveries.ofEvents(site.id, events.stream().map(AuditEvent::eventId).toList())
                .stream().collect(Collectors.groupingBy(DeliveryRecord::eventId));
        return events.stream()
                .map(e -> new VisitorHistory.Entry(e, e.documentVersionIds().stream()
                        .map(versions::get)
                        .map(v -> new VisitorHistory.DocumentRef(v.id, v.kind, v.version, v.sha256))
                        .toList(), told.getOrDefault(e.eventId(), List.of())))
                .toList();
    }

    public Summary summary(String siteKey, Instant from, Instant to) {
        Site site = sites.require(siteKey);
        EventFilter period = EventFilter.between(from, to);

        Map<String, Long> byType = new LinkedHashMap<>();
        for (EventType type : EventType.values()) {
            byType.put(type.name(), 0L);
        }
        byType.putAll(queries.countsByType(site.id, period));
        long total = byType.values().stream().mapToLong(Long::longValue).sum();

        Map<String, Long> byJurisdiction = new LinkedHashMap<>(Map.of("eea", 0L, "nonEea", 0L));
        queries.countsByEea(site.id, period)
                .forEach((eea, count) -> byJurisdiction.put(Boolean.parseBoolean(eea) ? "eea" : "nonEea", count));

        long visitors = queries.decidingVisitors(site.id, period);
        Map<String, Summary.CategoryShare> grants = new TreeMap<>();
        queries.grantsByCategory(site.id, period).forEach((category, granted) -> grants.put(category,
                new Summary.CategoryShare(granted, visitors == 0 ? 0 : (double) granted / visitors)));
        long[] expired = queries.expiredDecisions(site.id, period, lifetimes(Instant.now(clock)));
        return new Summary(siteKey, from, to, total, byType, byJurisdiction, queries.countsByDocument(site.id, period),
                visitors, grants, new Summary.ExpiredDecisions(expired[0], expired[1]));
    }

    /** Every regime of every rules version, with the expiry cutoffs at {@code now}. */
    private List<AuditQueries.Lifetime> lifetimes(Instant now) {
        List<AuditQueries.Lifetime> lifetimes = new ArrayList<>();
        for (int version = 1; version <= rules.current().version(); version++) {
            int v = version;
            rules.version(version).rules().regimes().forEach(regime -> lifetimes.add(new AuditQueries.Lifetime(v,
                    regime.code(), regime.expiryCutoff(now, true), regime.expiryCutoff(now, false))));
        }
        return lifetimes;
    }
}
