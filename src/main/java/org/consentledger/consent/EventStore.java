package org.consentledger.consent;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Appends consent events with plain JDBC: one INSERT ... ON CONFLICT per event makes the
 * idempotency check and the write a single round trip, and there is no UPDATE or DELETE here.
 * Callers hold the transaction.
 */
@ApplicationScoped
public class EventStore {

    private static final String INSERT = "insert into consent_event (event_id, site_id, visitor_id, type, "
            + "document_version_ids, categories, basis, outcome, country, eea, jurisdiction_source, page_url, "
            + "language, user_agent, ip_prefix, gpc, client_time, received_at, request_hash) "
            + "values (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (event_id) do nothing";

    private final DataSource dataSource;
    private final ObjectMapper json;

    EventStore(DataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    /** @return false when an event with this eventId already exists; nothing is written then. */
    public boolean insertIfAbsent(StoredEvent e) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(INSERT)) {
            ps.setObject(1, e.eventId());
            ps.setObject(2, e.siteId());
            ps.setObject(3, e.visitorId());
            ps.setString(4, e.type().name());
            ps.setArray(5, c.createArrayOf("uuid", e.documentVersionIds().toArray()));
            ps.setArray(6, e.categories() == null ? null : c.createArrayOf("text", e.categories().toArray()));
            ps.setString(7, e.outcome().basis().name());
            ps.setString(8, json.writeValueAsString(e.outcome()));
            ps.setString(9, e.jurisdiction().country());
            ps.setBoolean(10, e.jurisdiction().eea());
            ps.setString(11, e.jurisdiction().source().name());
            ps.setString(12, e.pageUrl());
            ps.setString(13, e.language());
            ps.setString(14, e.userAgent());
            ps.setString(15, e.ipPrefix());
            ps.setBoolean(16, e.gpc());
            ps.setTimestamp(17, e.clientTime() == null ? null : Timestamp.from(e.clientTime()));
            ps.setTimestamp(18, Timestamp.from(e.receivedAt()));
            ps.setString(19, e.requestHash());
            return ps.executeUpdate() == 1;
        } catch (SQLException | JsonProcessingException ex) {
            throw new IllegalStateException("Could not record consent event", ex);
        }
    }

    public Optional<StoredEvent> findByEventId(UUID eventId) {
        String sql = "select " + EventRows.COLUMNS + ", s.site_key from " + EventRows.FROM
                + " join site s on s.id = e.site_id where e.event_id = ?";
        return queryOne(sql, eventId);
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
