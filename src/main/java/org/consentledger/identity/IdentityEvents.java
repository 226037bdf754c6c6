package org.consentledger.identity;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.consentledger.verify.Leaves;

/**
 * The one owner of identity_event, append-only: every link and unlink. Plain JDBC, on the
 * caller's connection for writes, so an event and the current link it changes commit together.
 */
@ApplicationScoped
public class IdentityEvents {

    private static final String SELECT = "select e.id, s.site_key, e.visitor_id, e.type, e.user_hash, e.actor, e.at, "
            + "l.seq, l.leaf_hash from identity_event e join site s on s.id = e.site_id "
            + "left join ledger_leaf l on l.source = '" + Leaves.IDENTITY_EVENT + "' and l.record_key = e.id::text ";

    private static final String INSERT = "insert into identity_event (site_id, visitor_id, user_hash, type, actor, at) "
            + "values (?, ?, ?, ?, ?, ?) returning id";

    @Inject DataSource dataSource;

    /** Appends one event on the caller's connection; its id. */
    long insert(Connection c, UUID siteId, UUID visitorId, String userHash, IdentityEventType type, String actor,
            Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            ps.setObject(1, siteId);
            ps.setObject(2, visitorId);
            ps.setString(3, userHash);
            ps.setString(4, type.name());
            ps.setString(5, actor);
            ps.setObject(6, at.atOffset(ZoneOffset.UTC));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Every link and unlink of the account on the site, oldest first. */
    public List<IdentityEvent> ofUser(UUID siteId, String userHash) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(SELECT + "where e.site_id = ? and e.user_hash = ? order by e.id")) {
            ps.setObject(1, siteId);
            ps.setString(2, userHash);
            return read(ps);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read identity events", e);
        }
    }

    /** The events with these ids, on the caller's connection, in id order. */
    List<IdentityEvent> byIds(Connection c, List<Long> ids) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SELECT + "where e.id = any(?) order by e.id")) {
            ps.setArray(1, c.createArrayOf("int8", ids.toArray()));
            return read(ps);
        }
    }

    private static List<IdentityEvent> read(PreparedStatement ps) throws SQLException {
        List<IdentityEvent> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                byte[] leafHash = rs.getBytes(9);
                out.add(new IdentityEvent(rs.getLong(1), rs.getString(2), rs.getObject(3, UUID.class),
                        IdentityEventType.valueOf(rs.getString(4)), rs.getString(5), rs.getString(6),
                        rs.getObject(7, OffsetDateTime.class).toInstant(), (Long) rs.getObject(8),
                        leafHash == null ? null : Base64.getEncoder().encodeToString(leafHash)));
            }
        }
        return out;
    }
}
