package org.consentledger.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.consentledger.consent.EventStore;
import org.consentledger.consent.StoredEvent;
import org.consentledger.ledger.verify.Json;
import org.consentledger.ledger.verify.Leaves;

/**
 * Reads the records behind ledger leaves, as the plain maps that are hashed (record format
 * version 1). The sequencer, the export and the evidence package all read records here, so what
 * is hashed and what an auditor receives cannot drift apart.
 */
@ApplicationScoped
public class LedgerRecords {

    private final EventStore events;

    LedgerRecords(EventStore events) {
        this.events = events;
    }

    /** Records keyed by record key, for keys of one source. */
    public Map<String, Map<String, Object>> load(Connection c, String source, List<String> keys) throws SQLException {
        if (keys.isEmpty()) {
            return Map.of();
        }
        return switch (source) {
            case Leaves.CONSENT_EVENT -> events(c, keys);
            case Leaves.POLICY_VERSION -> policyVersions(c, keys);
            case Leaves.ADMIN_LOG -> adminLog(c, keys);
            default -> throw new IllegalStateException("Unknown ledger source " + source);
        };
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
                .forEach((id, event) -> out.put(id.toString(), eventRecord(event)));
        return out;
    }

    public static Map<String, Object> eventRecord(StoredEvent e) {
        Map<String, Object> outcome = new LinkedHashMap<>();
        outcome.put("basis", e.outcome().basis().name());
        Map<String, Object> categories = new TreeMap<>();
        e.outcome().categories().forEach((key, grant) -> categories.put(key, grant.name()));
        outcome.put("categories", categories);
        outcome.put("acknowledged", strings(e.outcome().acknowledged()));
        Map<String, Object> jurisdiction = new LinkedHashMap<>();
        jurisdiction.put("country", e.jurisdiction().country());
        jurisdiction.put("eea", e.jurisdiction().eea());
        jurisdiction.put("source", e.jurisdiction().source().name());

        Map<String, Object> record = new LinkedHashMap<>();
        record.put("eventId", e.eventId().toString());
        record.put("siteKey", e.siteKey());
        record.put("visitorId", e.visitorId().toString());
        record.put("type", e.type().name());
        record.put("documentVersionIds", strings(e.documentVersionIds()));
        record.put("categories", e.categories() == null ? null : List.copyOf(e.categories()));
        record.put("outcome", outcome);
        record.put("jurisdiction", jurisdiction);
        record.put("pageUrl", e.pageUrl());
        record.put("language", e.language());
        record.put("userAgent", e.userAgent());
        record.put("ipPrefix", e.ipPrefix());
        record.put("gpc", e.gpc());
        record.put("clientTime", e.clientTime() == null ? null : e.clientTime().toString());
        record.put("receivedAt", e.receivedAt().toString());
        return record;
    }

    private static Map<String, Map<String, Object>> policyVersions(Connection c, List<String> keys) throws SQLException {
        String sql = "select v.*, s.site_key from policy_version v join site s on s.id = v.site_id where v.id = any(?)";
        Map<String, Map<String, Object>> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, c.createArrayOf("uuid", keys.stream().map(UUID::fromString).toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> record = new LinkedHashMap<>();
                    record.put("id", rs.getString("id"));
                    record.put("siteKey", rs.getString("site_key"));
                    record.put("kind", rs.getString("kind"));
                    record.put("version", rs.getString("version"));
                    record.put("title", rs.getString("title"));
                    record.put("url", rs.getString("url"));
                    record.put("content", rs.getString("content"));
                    record.put("eeaAddendum", rs.getString("eea_addendum"));
                    record.put("material", rs.getBoolean("material"));
                    record.put("changeSummary", rs.getString("change_summary"));
                    record.put("effectiveAt", instant(rs.getTimestamp("effective_at")));
                    record.put("publishedAt", instant(rs.getTimestamp("published_at")));
                    record.put("publishedBy", rs.getString("published_by"));
                    record.put("sha256", rs.getString("sha256"));
                    out.put(rs.getString("id"), record);
                }
            }
        }
        return out;
    }

    private static Map<String, Map<String, Object>> adminLog(Connection c, List<String> keys) throws SQLException {
        String sql = "select id, at, actor, action, target_type, target, before::text, after::text from admin_log "
                + "where id = any(?)";
        Map<String, Map<String, Object>> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, c.createArrayOf("bigint", keys.stream().map(Long::valueOf).toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> record = new LinkedHashMap<>();
                    record.put("id", rs.getLong("id"));
                    record.put("at", instant(rs.getTimestamp("at")));
                    record.put("actor", rs.getString("actor"));
                    record.put("action", rs.getString("action"));
                    record.put("targetType", rs.getString("target_type"));
                    record.put("target", rs.getString("target"));
                    record.put("before", rs.getString(7) == null ? null : Json.parse(rs.getString(7)));
                    record.put("after", rs.getString(8) == null ? null : Json.parse(rs.getString(8)));
                    out.put(String.valueOf(rs.getLong("id")), record);
                }
            }
        }
        return out;
    }

    private static List<String> strings(List<UUID> ids) {
        return ids.stream().map(UUID::toString).toList();
    }

    private static String instant(Timestamp timestamp) {
        return timestamp.toInstant().toString();
    }
}
