package org.consentledger.consent;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.consentledger.jurisdiction.Jurisdiction;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reads consent_event rows. The one place that knows the column list. */
public final class EventRows {

    public static final String COLUMNS = "e.id, e.event_id, e.site_id, e.visitor_id, e.type, e.document_version_ids, "
            + "e.categories, e.outcome, e.country, e.eea, e.jurisdiction_source, e.page_url, e.language, "
            + "e.user_agent, e.ip_prefix, e.gpc, e.client_time, e.received_at, e.request_hash, "
            + "l.seq as ledger_seq, l.leaf_hash";

    /** Events with their ledger leaf, when the sequencer has reached them. */
    public static final String FROM = "consent_event e left join ledger_leaf l "
            + "on l.source = 'consent_event' and l.record_key = e.event_id::text";

    private EventRows() {
    }

    public static StoredEvent read(ResultSet rs, String siteKey, ObjectMapper json) throws SQLException {
        return new StoredEvent(
                rs.getLong("id"),
                rs.getObject("event_id", UUID.class),
                siteKey,
                rs.getObject("visitor_id", UUID.class),
                EventType.valueOf(rs.getString("type")),
                uuids(rs.getArray("document_version_ids")),
                strings(rs.getArray("categories")),
                outcome(rs.getString("outcome"), json),
                new Jurisdiction(rs.getString("country"), rs.getBoolean("eea"),
                        Jurisdiction.Source.valueOf(rs.getString("jurisdiction_source"))),
                rs.getString("page_url"),
                rs.getString("language"),
                rs.getString("user_agent"),
                rs.getString("ip_prefix"),
                rs.getBoolean("gpc"),
                instant(rs.getObject("client_time", OffsetDateTime.class)),
                instant(rs.getObject("received_at", OffsetDateTime.class)),
                rs.getObject("site_id", UUID.class),
                rs.getString("request_hash"),
                rs.getObject("ledger_seq", Long.class),
                base64(rs.getBytes("leaf_hash")));
    }

    /**
     * Outcomes repeat: a site has a handful of category combinations per notice. Reads of many
     * rows (exports, the sequencer) parse each distinct outcome once; Outcome is unmodifiable.
     */
    private static final int OUTCOME_CACHE_SIZE = 4096;
    private static final Map<String, Outcome> OUTCOMES = new ConcurrentHashMap<>();

    private static Outcome outcome(String value, ObjectMapper json) throws SQLException {
        Outcome cached = OUTCOMES.get(value);
        if (cached != null) {
            return cached;
        }
        try {
            Outcome parsed = json.readValue(value, Outcome.class);
            if (OUTCOMES.size() >= OUTCOME_CACHE_SIZE) {
                OUTCOMES.clear();
            }
            OUTCOMES.put(value, parsed);
            return parsed;
        } catch (JsonProcessingException e) {
            throw new SQLException("Unreadable outcome column", e);
        }
    }

    private static List<UUID> uuids(Array array) throws SQLException {
        return array == null ? List.of() : List.of((UUID[]) array.getArray());
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? null : Arrays.asList((String[]) array.getArray());
    }

    private static String base64(byte[] bytes) {
        return bytes == null ? null : Base64.getEncoder().encodeToString(bytes);
    }

    private static Instant instant(OffsetDateTime timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
