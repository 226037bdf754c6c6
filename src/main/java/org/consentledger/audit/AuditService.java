package org.consentledger.audit;

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

import org.consentledger.consent.EventRows;
import org.consentledger.consent.EventType;
import org.consentledger.consent.StoredEvent;
import org.consentledger.policy.PolicyKind;
import org.consentledger.policy.PolicyVersion;
import org.consentledger.policy.PolicyVersionRepository;
import org.consentledger.site.Site;
import org.consentledger.site.SiteRepository;

@ApplicationScoped
public class AuditService {

    private final AuditQueries queries;
    private final SiteRepository sites;
    private final PolicyVersionRepository policyVersions;

    AuditService(AuditQueries queries, SiteRepository sites, PolicyVersionRepository policyVersions) {
        this.sites = sites;
        this.policyVersions = policyVersions;
        this.queries = queries;
    }

    public EventPage events(String siteKey, EventFilter filter, int limit, String cursor) {
        long after = Cursors.decode(cursor);
        Site site = sites.require(siteKey);
        return queries.page(siteKey, site.id, filter, after, limit);
    }

    public VisitorHistory history(String siteKey, UUID visitorId) {
        Site site = sites.require(siteKey);
        List<Object> params = new ArrayList<>(List.of(site.id, visitorId));
        List<StoredEvent> events = queries.query("select " + EventRows.COLUMNS + " from " + EventRows.FROM + " "
                + "where e.site_id = ? and e.visitor_id = ? order by e.id", params,
                rs -> EventRows.read(rs, siteKey, queries.json()));
        Map<UUID, PolicyVersion> versions = policyVersions.allOf(site.id).stream()
                .collect(Collectors.toMap(v -> v.id, Function.identity()));
        List<VisitorHistory.Entry> entries = events.stream()
                .map(e -> new VisitorHistory.Entry(e, e.documentVersionIds().stream()
                        .map(versions::get)
                        .map(v -> new VisitorHistory.DocumentRef(v.id, v.kind, v.version, v.sha256))
                        .toList()))
                .toList();
        return new VisitorHistory(siteKey, visitorId, entries);
    }

    public Summary summary(String siteKey, Instant from, Instant to) {
        Site site = sites.require(siteKey);
        EventFilter filter = EventFilter.between(from, to);
        List<Object> params = new ArrayList<>();
        String where = filter.where(site.id, params);

        Map<String, Long> byType = new LinkedHashMap<>();
        for (EventType type : EventType.values()) {
            byType.put(type.name(), 0L);
        }
        queries.query("select e.type, count(*) from consent_event e where " + where + " group by e.type", params,
                rs -> byType.put(rs.getString(1), rs.getLong(2)));
        long total = byType.values().stream().mapToLong(Long::longValue).sum();

        Map<String, Long> byJurisdiction = new LinkedHashMap<>(Map.of("eea", 0L, "nonEea", 0L));
        queries.query("select e.eea, count(*) from consent_event e where " + where + " group by e.eea", params,
                rs -> byJurisdiction.put(rs.getBoolean(1) ? "eea" : "nonEea", rs.getLong(2)));

        List<Summary.DocumentCount> byDocument = queries.query("select v.id, v.kind, v.version, count(*) "
                + "from consent_event e cross join lateral unnest(e.document_version_ids) shown(id) "
                + "join policy_version v on v.id = shown.id where " + where
                + " group by v.id, v.kind, v.version order by v.kind, v.version", params,
                rs -> new Summary.DocumentCount(rs.getObject(1, UUID.class), PolicyKind.valueOf(rs.getString(2)),
                        rs.getString(3), rs.getLong(4)));

        String latestPerVisitor = "select distinct on (e.visitor_id) e.outcome from consent_event e where " + where
                + " and e.type <> 'NOTICE_SHOWN' order by e.visitor_id, e.id desc";
        long visitors = queries.query("select count(*) from (" + latestPerVisitor + ") latest", params,
                rs -> rs.getLong(1)).get(0);
        Map<String, Summary.CategoryShare> grants = new TreeMap<>();
        queries.query("select c.key, count(*) filter (where c.value = 'GRANTED') from (" + latestPerVisitor
                + ") latest cross join lateral jsonb_each_text(latest.outcome -> 'categories') c group by c.key", params,
                rs -> grants.put(rs.getString(1), new Summary.CategoryShare(rs.getLong(2),
                        visitors == 0 ? 0 : (double) rs.getLong(2) / visitors)));
        return new Summary(siteKey, from, to, total, byType, byJurisdiction, byDocument, visitors, grants);
    }
}
