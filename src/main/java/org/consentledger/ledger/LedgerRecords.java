package org.consentledger.ledger;

import static java.util.stream.Collectors.toSet;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.inject.Singleton;

import org.consentledger.adminlog.AdminLogEntry;
import org.consentledger.adminlog.AdminLogRepository;
import org.consentledger.consent.EventRequest;
import org.consentledger.consent.EventStore;
import org.consentledger.consent.NewEvent;
import org.consentledger.jurisdiction.JurisdictionRulesStore;
import org.consentledger.notice.RenderedNotices;
import org.consentledger.policy.PolicyVersion;
import org.consentledger.policy.PolicyVersionRepository;
import org.consentledger.site.SiteRepository;
import org.consentledger.verify.Json;
import org.consentledger.verify.Leaves;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Reads the records behind ledger leaves, as the plain maps that are hashed (record format
 * version 1). The sequencer, the export and the evidence package all read records here, so what
 * is hashed and what an auditor receives cannot drift apart.
 */
@Singleton
public class LedgerRecords {

    private final EventStore events;
    private final PolicyVersionRepository policyVersions;
    private final SiteRepository sites;
    private final AdminLogRepository adminLog;
    private final LanguageRecords languages;
    private final RenderedNotices renderedNotices;
    private final JurisdictionRulesStore jurisdictionRules;

    LedgerRecords(EventStore events, PolicyVersionRepository policyVersions, SiteRepository sites,
            AdminLogRepository adminLog, LanguageRecords languages, RenderedNotices renderedNotices,
            JurisdictionRulesStore jurisdictionRules) {
        this.languages = languages;
        this.renderedNotices = renderedNotices;
        this.jurisdictionRules = jurisdictionRules;
        this.events = events;
        this.policyVersions = policyVersions;
        this.sites = sites;
        this.adminLog = adminLog;
    }

    /** Records keyed by record key, for keys of one source. */
    public Map<String, Map<String, Object>> load(Connection c, String source, List<String> keys) throws SQLException {
        if (keys.isEmpty()) {
            return Map.of();
        }
        return switch (source) {
            case Leaves.CONSENT_EVENT -> events(c, keys);
            case Leaves.POLICY_VERSION -> inOwnTransaction(() -> policyVersions(keys));
            case Leaves.ADMIN_LOG -> inOwnTransaction(() -> adminLog(keys));
            case Leaves.POLICY_TRANSLATION -> inOwnTransaction(() -> languages.translations(keys));
            case Leaves.BANNER_TEXT_SET -> inOwnTransaction(() -> languages.bannerTextSets(keys));
            case Leaves.RENDERED_NOTICE -> renderedNotices(c, keys);
            case Leaves.JURISDICTION_RULES -> jurisdictionRules(c, keys);
            default -> throw new IllegalStateException("Unknown ledger source " + source);
        };
    }

    /**
     * Policy versions and admin log entries are read through their owners' repositories, in a
     * transaction of their own: the sequencer's JDBC transaction holds its advisory lock and no
     * entity manager, and every record was committed before it was queued.
     */
    private static Map<String, Map<String, Object>> inOwnTransaction(Supplier<Map<String, Map<String, Object>>> read) {
        return QuarkusTransaction.requiringNew().call(read::get);
    }

    /** Records of any sources. */
    public Map<RecordRef, Map<String, Object>> loadAll(Connection c, List<RecordRef> refs) throws SQLException {
        Map<String, List<String>> bySource = new HashMap<>();
        refs.forEach(r -> bySource.computeIfAbsent(r.source(), s -> new ArrayList<>()).add(r.recordKey()));
        Map<RecordRef, Map<String, Object>> out = new HashMap<>();
        for (Map.Entry<String, List<String>> entry : bySource.entrySet()) {
            load(c, entry.getKey(), entry.getValue())
                    .forEach((key, record) -> out.put(new RecordRef(entry.getKey(), key), record));
        }
        return out;
    }

    private Map<String, Map<String, Object>> events(Connection c, List<String> keys) throws SQLException {
        Map<String, Map<String, Object>> out = new HashMap<>();
        events.findAll(c, keys.stream().map(UUID::fromString).toList())
                .forEach((id, stored) -> out.put(id.toString(), eventRecord(stored.event())));
        return out;
    }

    /** An event's record as the ledger will hash it, also before it is stored: receipts repeat its fields. */
    public static Map<String, Object> eventRecord(NewEvent e) {
        EventRequest stated = e.stated();
        Map<String, Object> outcome = new LinkedHashMap<>();
        outcome.put("basis", e.outcome().basis().name());
        Map<String, Object> categories = new TreeMap<>();
        e.outcome().categories().forEach((key, grant) -> categories.put(key, grant.name()));
        outcome.put("categories", categories);
        outcome.put("acknowledged", strings(e.outcome().acknowledged()));
        putIfPresent(outcome, "optOut", e.outcome().optOut() == null ? null : e.outcome().optOut().name());
        Map<String, Object> jurisdiction = new LinkedHashMap<>();
        jurisdiction.put("country", e.jurisdiction().country());
        jurisdiction.put("eea", e.jurisdiction().eea());
        jurisdiction.put("source", e.jurisdiction().source().name());
        // Added with regimes: only when present, so records of older events hash as they always did.
        putIfPresent(jurisdiction, "region", e.jurisdiction().region());
        putIfPresent(jurisdiction, "regime", e.jurisdiction().regime());
        putIfPresent(jurisdiction, "rulesVersion", e.jurisdiction().rulesVersion());

        Map<String, Object> record = new LinkedHashMap<>();
        record.put("eventId", e.eventId().toString());
        record.put("siteKey", e.siteKey());
        record.put("visitorId", stated.visitorId().toString());
        record.put("type", stated.type().name());
        record.put("documentVersionIds", strings(stated.documentVersionIds()));
        record.put("categories", stated.categories() == null ? null : List.copyOf(stated.categories()));
        record.put("outcome", outcome);
        record.put("jurisdiction", jurisdiction);
        record.put("pageUrl", stated.pageUrl());
        record.put("language", stated.language());
        record.put("userAgent", e.userAgent());
        record.put("ipPrefix", e.ipPrefix());
        record.put("gpc", stated.gpc());
        record.put("clientTime", stated.clientTime() == null ? null : stated.clientTime().toInstant().toString());
        record.put("receivedAt", e.receivedAt().toString());
        if (stated.noticeId() != null) {
            record.put("noticeId", stated.noticeId());
        }
        return record;
    }

    private Map<String, Map<String, Object>> renderedNotices(Connection c, List<String> keys) throws SQLException {
        Map<String, Map<String, Object>> out = new HashMap<>();
        renderedNotices.findAll(c, keys).forEach(r -> out.put(r.noticeId(), r.record()));
        return out;
    }

    private Map<String, Map<String, Object>> policyVersions(List<String> keys) {
        List<PolicyVersion> versions = policyVersions.listByIds(keys.stream().map(UUID::fromString).collect(toSet()));
        Map<UUID, String> siteKeys = new HashMap<>();
        sites.listByIds(versions.stream().map(v -> v.siteId).collect(toSet()))
                .forEach(site -> siteKeys.put(site.id, site.siteKey));
        Map<String, Map<String, Object>> out = new HashMap<>();
        for (PolicyVersion v : versions) {
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("id", v.id.toString());
            record.put("siteKey", siteKeys.get(v.siteId));
            record.put("kind", v.kind.name());
            record.put("version", v.version);
            record.put("title", v.title);
            record.put("url", v.url);
            record.put("content", v.content);
            record.put("eeaAddendum", v.eeaAddendum);
            record.put("material", v.material);
            record.put("changeSummary", v.changeSummary);
            record.put("effectiveAt", v.effectiveAt.toString());
            record.put("publishedAt", v.publishedAt.toString());
            record.put("publishedBy", v.publishedBy);
            record.put("sha256", v.sha256);
            if (v.language != null) {
                record.put("language", v.language); // absent on older rows, which were hashed without it
            }
            out.put(v.id.toString(), record);
        }
        return out;
    }

    private static void putIfPresent(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    /** A rules version's record: the document exactly as stored, read back as the verifier types JSON. */
    private Map<String, Map<String, Object>> jurisdictionRules(Connection c, List<String> keys) throws SQLException {
        Map<String, Map<String, Object>> out = new HashMap<>();
        for (JurisdictionRulesStore.Row row : jurisdictionRules.byVersions(c, keys.stream().map(Integer::valueOf).toList())
                .values()) {
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("version", (long) row.version());
            record.put("rules", Json.parse(row.rules()));
            record.put("publishedAt", row.publishedAt().toString());
            record.put("publishedBy", row.publishedBy());
            out.put(String.valueOf(row.version()), record);
        }
        return out;
    }

    private Map<String, Map<String, Object>> adminLog(List<String> keys) {
        Map<String, Map<String, Object>> out = new HashMap<>();
        for (AdminLogEntry e : adminLog.listByIds(keys.stream().map(Long::valueOf).collect(toSet()))) {
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("id", e.id);
            record.put("at", e.at.toString());
            record.put("actor", e.actor);
            record.put("action", e.action);
            record.put("targetType", e.targetType);
            record.put("target", e.target);
            record.put("before", jsonValue(e.before));
            record.put("after", jsonValue(e.after));
            out.put(String.valueOf(e.id), record);
        }
        return out;
    }

    /**
     * JSON as the verifier's reader types it: integers as Long (BigInteger when larger), other
     * numbers as BigDecimal. Hibernate's reader gives Integer and Double, and canonical JSON
     * refuses a Double even where its value is integral (1.0 is hashed as 1). Only a decimal
     * beyond double precision could still differ; admin log JSON holds none.
     */
    private static Object jsonValue(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((key, item) -> out.put((String) key, jsonValue(item)));
            return out;
        } else if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            list.forEach(item -> out.add(jsonValue(item)));
            return out;
        } else if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        } else if (value instanceof Double || value instanceof Float) {
            return new BigDecimal(value.toString());
        }
        return value;
    }

    private static List<String> strings(List<UUID> ids) {
        return ids.stream().map(UUID::toString).toList();
    }
}
