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

import org.consentledger.common.Cursors;
import org.consentledger.common.KeysetPage;
import org.consentledger.consent.EventType;
import org.consentledger.consent.StoredEvent;
import org.consentledger.jurisdiction.CurrentRules;
import org.consentledger.policy.PolicyVersion;
import org.consentledger.policy.PolicyVersionRepository;
import org.consentledger.site.Site;
import org.consentledger.site.SiteRepository;

@ApplicationScoped
public class AuditService {

    private final AuditQueries queries;
    private final SiteRepository sites;
    private final PolicyVersionRepository policyVersions;
    private final CurrentRules rules;
    private final Clock clock;

    AuditService(AuditQueries queries, SiteRepository sites, PolicyVersionRepository policyVersions, CurrentRules rules,
            Clock clock) {
        this.rules = rules;
        this.clock = clock;
        this.queries = queries;
        this.sites = sites;
        this.policyVersions = policyVersions;
    }

    public KeysetPage<AuditEvent> events(String siteKey, EventFilter filter, int limit, String cursor) {
        long after = Cursors.decode(cursor);
        Site site = sites.require(siteKey);
        return KeysetPage.of(queries.events(site.id, filter, after, limit + 1), limit, StoredEvent::id)
                .map(AuditEvent::of);
    }

    public VisitorHistory history(String siteKey, UUID visitorId) {
        Site site = sites.require(siteKey);
        Map<UUID, PolicyVersion> versions = policyVersions.allOf(site.id).stream()
                .collect(Collectors.toMap(v -> v.id, Function.identity()));
        List<VisitorHistory.Entry> entries = queries.visitorEvents(site.id, visitorId).stream()
                .map(AuditEvent::of)
                .map(e -> new VisitorHistory.Entry(e, e.documentVersionIds().stream()
                        .map(versions::get)
                        .map(v -> new VisitorHistory.DocumentRef(v.id, v.kind, v.version, v.sha256))
                        .toList()))
                .toList();
        return new VisitorHistory(siteKey, visitorId, entries);
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
