package org.consentledger.consent;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Appends consent events with plain JDBC, a batch per statement; ON CONFLICT makes the
 * idempotency check part of the write. There is no UPDATE or DELETE here.
 */
@ApplicationScoped
public class EventStore {

    /**
     * One statement for the whole batch: the rows arrive as arrays and are inserted in the order
     * given. Conflicting eventIds are skipped, and RETURNING tells which rows are new.
     */
    private static final String INSERT_ALL = "insert into consent_event (event_id, site_id, visitor_id, type, "
            + "document_version_ids, categories, basis, outcome, country, eea, jurisdiction_source, page_url, "
            + "language, user_agent, ip_prefix, gpc, client_time, received_at, request_hash) "
            + "select u.event_id, u.site_id, u.visitor_id, u.type, u.docs::uuid[], u.cats::text[], u.basis, "
            + "u.outcome::jsonb, u.country, u.eea, u.source, u.page_url, u.language, u.user_agent, u.ip_prefix, u.gpc, "
            + "u.client_time, u.received_at, u.request_hash "
            + "from unnest(?::uuid[], ?::uuid[], ?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], "
            + "?::text[], ?::boolean[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::boolean[], "
            + "?::timestamptz[], ?::timestamptz[], ?::text[]) with ordinality as u(event_id, site_id, visitor_id, type, "
            + "docs, cats, basis, outcome, country, eea, source, page_url, language, user_agent, ip_prefix, gpc, "
            + "client_time, received_at, request_hash, position) "
            + "order by u.position on conflict (event_id) do nothing returning event_id";

    /** What became of one event of a batch: newly written, or the row already there under its eventId. */
    public record Written(boolean created, StoredEvent event) {
    }

    private final DataSource dataSource;
    private final ObjectMapper json;

    EventStore(DataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    /**
     * Writes the events in one transaction and returns, in the same order, what became of each.
     * When it returns, everything it reports as created is committed.
     */
    public List<Written> insertAll(List<StoredEvent> events) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                Set<UUID> inserted = insertNew(c, events);
                // The first occurrence of an inserted eventId is the new row; the rest find it.
                Set<UUID> claimed = new HashSet<>();
                boolean[] created = new boolean[events.size()];
                List<UUID> alreadyThere = new ArrayList<>();
                for (int i = 0; i < events.size(); i++) {
                    UUID id = events.get(i).eventId();
                    created[i] = inserted.contains(id) && claimed.add(id);
                    if (!created[i]) {
                        alreadyThere.add(id);
                    }
                }
                Map<UUID, StoredEvent> existing = alreadyThere.isEmpty() ? Map.of() : findAll(c, alreadyThere);
                c.commit();
                List<Written> written = new ArrayList<>(events.size());
                for (int i = 0; i < events.size(); i++) {
                    StoredEvent event = events.get(i);
                    written.add(created[i] ? new Written(true, event) : new Written(false, existing.get(event.eventId())));
                }
                return written;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("Could not record consent events", e);
        }
    }

    private Set<UUID> insertNew(Connection c, List<StoredEvent> events) throws SQLException, JsonProcessingException {
        int n = events.size();
        Object[][] columns = new Object[19][n];
        for (int i = 0; i < n; i++) {
            StoredEvent e = events.get(i);
            columns[0][i] = e.eventId();
            columns[1][i] = e.siteId();
            columns[2][i] = e.visitorId();
            columns[3][i] = e.type().name();
            columns[4][i] = arrayLiteral(e.documentVersionIds());
            columns[5][i] = e.categories() == null ? null : arrayLiteral(e.categories());
            columns[6][i] = e.outcome().basis().name();
            columns[7][i] = json.writeValueAsString(e.outcome());
            columns[8][i] = e.jurisdiction().country();
            columns[9][i] = e.jurisdiction().eea();
            columns[10][i] = e.jurisdiction().source().name();
            columns[11][i] = e.pageUrl();
            columns[12][i] = e.language();
            columns[13][i] = e.userAgent();
            columns[14][i] = e.ipPrefix();
            columns[15][i] = e.gpc();
            columns[16][i] = e.clientTime() == null ? null : e.clientTime().toString();
            columns[17][i] = e.receivedAt().toString();
            columns[18][i] = e.requestHash();
        }
        String[] types = { "uuid", "uuid", "uuid", "text", "text", "text", "text", "text", "text", "bool", "text", "text",
                "text", "text", "text", "bool", "text", "text", "text" };
        Set<UUID> inserted = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement(INSERT_ALL)) {
            for (int col = 0; col < columns.length; col++) {
                ps.setArray(col + 1, c.createArrayOf(types[col], columns[col]));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    inserted.add(rs.getObject(1, UUID.class));
                }
            }
        }
        return inserted;
    }

    /** Category keys and UUIDs need no quoting in a PostgreSQL array literal. */
    private static String arrayLiteral(List<?> values) {
        return values.stream().map(Object::toString).collect(Collectors.joining(",", "{", "}"));
    }

    /** The stored events with these ids, on the caller's connection. */
    public Map<UUID, StoredEvent> findAll(Connection c, List<UUID> eventIds) throws SQLException {
        String sql = "select " + EventRows.COLUMNS + ", s.site_key from " + EventRows.FROM
                + " join site s on s.id = e.site_id where e.event_id = any(?)";
        Map<UUID, StoredEvent> found = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, c.createArrayOf("uuid", eventIds.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    StoredEvent event = EventRows.read(rs, rs.getString("site_key"), json);
                    found.put(event.eventId(), event);
                }
            }
        }
        return found;
    }

    /** The visitor's latest event that says something about consent (anything but NOTICE_SHOWN). */
    public Optional<StoredEvent> latestConsentChange(UUID siteId, UUID visitorId) {
        String sql = "select " + EventRows.COLUMNS + ", s.site_key from " + EventRows.FROM
                + " join site s on s.id = e.site_id where e.site_id = ? and e.visitor_id = ? and e.type <> 'NOTICE_SHOWN' order by e.id desc limit 1";
        return queryOne(sql, siteId, visitorId);
    }

    private Optional<StoredEvent> queryOne(String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(EventRows.read(rs, rs.getString("site_key"), json)) : Optional.empty();
            }
        } catch (SQLException ex) {
            throw new IllegalStateException("Could not read consent events", ex);
        }
    }
}
