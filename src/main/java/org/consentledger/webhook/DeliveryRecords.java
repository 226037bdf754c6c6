package org.consentledger.webhook;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.consentledger.common.Hashing;
import org.consentledger.verify.Leaves;

/**
 * The one owner of webhook_delivery_record (migration V20), append-only: each 2xx answer to a
 * delivery. Written on the caller's connection, in the transaction that marks the outbox row
 * DELIVERED; read by event, for a visitor's or person's history and evidence package.
 */
@ApplicationScoped
public class DeliveryRecords {

    private static final String COLUMNS = "r.id, s.site_key, r.endpoint_id, r.url_sha256, r.event_type, r.event_id, "
            + "r.message_id, r.status_code, r.delivered_at";

    /** The records with their ledger leaf, once the sequencer has reached them. */
    private static final String SELECT = "select " + COLUMNS + ", l.seq, l.leaf_hash "
            + "from webhook_delivery_record r join site s on s.id = r.site_id "
            + "left join ledger_leaf l on l.source = '" + Leaves.WEBHOOK_DELIVERY + "' and l.record_key = r.id::text ";

    /**
     * The records alone, for the ledger: joined to the leaves, the sequencer's read of each batch
     * took 23 ms (116 µs a record under load, pg_stat_statements), the leaves they do not have yet.
     */
    private static final String RECORDS_ALONE = "select " + COLUMNS + ", null::bigint, null::bytea "
            + "from webhook_delivery_record r join site s on s.id = r.site_id ";

    /**
     * One statement for a batch, its columns as arrays, in the order given: a JDBC batch was
     * rewritten into multi-row VALUES of up to 128 rows, each size a statement of its own to parse
     * and plan (a fifth of PostgreSQL's time per delivery under bench/webhooks.sh).
     */
    private static final String INSERT = "insert into webhook_delivery_record (site_id, endpoint_id, url_sha256, "
            + "event_type, event_id, message_id, status_code, delivered_at) select s, e, h, t, v, m, c, d from unnest(?::uuid[], ?::uuid[], "
            + "?::text[], ?::text[], ?::uuid[], ?::uuid[], ?::int[], ?::timestamptz[]) with ordinality as u(s, e, h, t, v, m, c, d, n) "
            + "order by n";

    @Inject DataSource dataSource;

    /** Records the endpoints' 2xx answers, on the caller's connection, in one round trip. */
    void insert(Connection c, List<DeliveryClaims.Answered> answers) throws SQLException {
        int n = answers.size();
        Object[][] columns = new Object[8][n];
        for (int i = 0; i < n; i++) {
            DeliveryClaims.Answered answer = answers.get(i);
            Endpoint endpoint = answer.endpoint();
            Delivery delivery = answer.delivery();
            columns[0][i] = endpoint.siteId();
            columns[1][i] = endpoint.id();
            columns[2][i] = Hashing.sha256Hex(endpoint.url().getBytes(StandardCharsets.UTF_8));
            columns[3][i] = delivery.eventType();
            columns[4][i] = delivery.eventId();
            columns[5][i] = delivery.messageId();
            columns[6][i] = answer.statusCode();
            columns[7][i] = answer.at().atOffset(ZoneOffset.UTC);
        }
        String[] types = {"uuid", "uuid", "text", "text", "uuid", "uuid", "int4", "timestamptz"};
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            for (int k = 0; k < types.length; k++) {
                ps.setArray(k + 1, c.createArrayOf(types[k], columns[k]));
            }
            ps.executeUpdate();
        }
    }

    /** The records of deliveries of these consent events on the site, oldest first. */
    public List<DeliveryRecord> ofEvents(UUID siteId, Collection<UUID> eventIds) {
        if (eventIds.isEmpty()) {
            return List.of();
        }
        try (Connection c = dataSource.getConnection()) {
            return ofEvents(c, siteId, eventIds);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read webhook delivery records", e);
        }
    }

    /** As above, on the caller's connection. */
    public List<DeliveryRecord> ofEvents(Connection c, UUID siteId, Collection<UUID> eventIds) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SELECT + "where r.event_id = any(?) and r.site_id = ? order by r.id")) {
            ps.setArray(1, c.createArrayOf("uuid", eventIds.toArray()));
            ps.setObject(2, siteId);
            return read(ps);
        }
    }

    /** The records with these ids, without their ledger position, on the caller's connection, in id order. */
    List<DeliveryRecord> byIds(Connection c, List<Long> ids) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(RECORDS_ALONE + "where r.id = any(?) order by r.id")) {
            ps.setArray(1, c.createArrayOf("int8", ids.toArray()));
            return read(ps);
        }
    }

    private static List<DeliveryRecord> read(PreparedStatement ps) throws SQLException {
        List<DeliveryRecord> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                byte[] leafHash = rs.getBytes(11);
                out.add(new DeliveryRecord(rs.getLong(1), rs.getString(2), rs.getObject(3, UUID.class), rs.getString(4),
                        rs.getString(5), rs.getObject(6, UUID.class), "msg_" + rs.getObject(7, UUID.class), rs.getInt(8),
                        rs.getObject(9, OffsetDateTime.class).toInstant(), (Long) rs.getObject(10),
                        leafHash == null ? null : Base64.getEncoder().encodeToString(leafHash)));
            }
        }
        return out;
    }
}
