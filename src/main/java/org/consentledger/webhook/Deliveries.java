package org.consentledger.webhook;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Owns webhook_delivery (migration V19), the outbox and the delivery log: rows of the other event
 * types are written in the transaction of what they tell, a consent change's when its feed's batch
 * is recorded ({@link ChangeFeeds}); read by the admins' delivery log, and made due again by a
 * retry or a replay. Claiming and recording attempts is {@link DeliveryClaims}'s part of the same
 * table. The changes themselves (webhook_change) are written here too, by the events' statement.
 */
@ApplicationScoped
public class Deliveries {

    static final String COLUMNS = "id, message_id, endpoint_id, event_type, event_id, payload, status, "
            + "attempts, last_status_code, last_error, next_attempt_at, created_at, delivered_at";

    /** What every insert names; the message id is new for each row, the first attempt due at once. */
    private static final String INSERT = "insert into webhook_delivery (message_id, endpoint_id, event_type, "
            + "ordering_key, event_id, payload, next_attempt_at, created_at) ";

    /** An endpoint that wants {@code type}: subscribed and not disabled. */
    /** The condition that endpoint {@code alias} wants {@code type} (an SQL expression): subscribed and not disabled. */
    static String wants(String alias, String type) {
        return alias + ".disabled_at is null and " + alias + ".events @> array[" + type + "]::text[]";
    }

    @Inject DataSource dataSource;

    /**
     * The insert for {@link ConsentChanges}: one webhook_change row per changed decision on a site
     * with an endpoint that wants consent.changed, however many it has ({@link ChangeFeeds} hands
     * each change to each endpoint), the body built in SQL from the change. The site key and the
     * account's keyed hash are read by key in the same statement, so the write path stays one
     * statement; the clear userId is never known here. A join, not EXISTS: Citus refuses a
     * correlated subquery over a CTE.
     */
    static String insertConsentChanges(String changes) {
        String at = "to_char(c.received_at at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')";
        String data = "jsonb_strip_nulls(jsonb_build_object('siteKey', s.site_key, 'visitorId', c.visitor_id, "
                + "'userIdHash', l.user_hash, 'eventId', c.event_id, 'eventType', c.type, 'categoriesBefore', "
                + "c.categories_before, 'categoriesAfter', c.categories_after, 'regime', c.regime, "
                + "'policyVersionIds', to_jsonb(c.document_version_ids)))";
        return "insert into webhook_change (site_id, visitor_id, event_id, payload, created_at) "
                + "select c.site_id, c.visitor_id, c.event_id, "
                + "jsonb_build_object('type', 'consent.changed', 'timestamp', " + at + ", 'data', " + data + "), now() "
                + "from " + changes + " c join (select distinct w.site_id from webhook_endpoint w where "
                + wants("w", "'consent.changed'") + ") w on w.site_id = c.site_id join site s on s.id = c.site_id "
                + "left join identity_link l on l.site_id = c.site_id and l.visitor_id = c.visitor_id";
    }

    /**
     * In the caller's transaction: one row per endpoint of the site that wants {@code type} (or
     * only {@code onlyEndpoint}, wanted or not, for a test); how many.
     */
    int enqueue(UUID siteId, UUID onlyEndpoint, WebhookEventType type, UUID orderingKey, String payload, Instant now) {
        String sql = INSERT + "select gen_random_uuid(), w.id, ?, ?, null, ?, ?, ? from webhook_endpoint w "
                + "where w.site_id = ? and " + (onlyEndpoint == null ? wants("w", "?") : "w.id = ?");
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, type.wireName());
            ps.setObject(2, orderingKey);
            ps.setString(3, payload);
            ps.setTimestamp(4, Timestamp.from(now));
            ps.setTimestamp(5, Timestamp.from(now));
            ps.setObject(6, siteId);
            if (onlyEndpoint == null) {
                ps.setString(7, type.wireName());
            } else {
                ps.setObject(7, onlyEndpoint);
            }
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not enqueue webhook deliveries", e);
        }
    }

    /** One page of the endpoint's deliveries after row {@code after}, oldest first, {@code limit + 1} rows at most. */
    List<Delivery> page(UUID endpointId, String status, long after, int limit) {
        String sql = "select " + COLUMNS + " from webhook_delivery where endpoint_id = ? and id > ?"
                + (status == null ? "" : " and status = ?") + " order by id limit ?";
        List<Delivery> found = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            int p = 1;
            ps.setObject(p++, endpointId);
            ps.setLong(p++, after);
            if (status != null) {
                ps.setString(p++, status);
            }
            ps.setInt(p, limit + 1);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(read(rs));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read webhook deliveries", e);
        }
        return found;
    }

    /** The delivery due again now, back-off kept; empty when the endpoint has no such delivery. */
    Optional<Delivery> retry(UUID endpointId, long deliveryId, Instant now) {
        String sql = "update webhook_delivery set status = 'PENDING', next_attempt_at = ?, leased_until = null "
                + "where endpoint_id = ? and id = ? returning " + COLUMNS;
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setObject(2, endpointId);
            ps.setLong(3, deliveryId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not retry a webhook delivery", e);
        }
    }

    /**
     * Each endpoint's health as its deliveries tell it: pending and failed counts and the last 2xx.
     * One pass over the endpoints' rows (webhook_delivery_endpoint_idx): its time grows with the
     * rows kept, 0.2 to 0.5 s a million (docs/api.md#webhooks).
     */
    Map<UUID, EndpointHealth> health(List<UUID> endpointIds) {
        // Pending includes the changes an endpoint's feed has not reached (ChangeFeeds), read through its index.
        String sql = "select w.id as endpoint_id, coalesce(d.pending, 0) + (select count(*) from webhook_change c "
                + "where c.site_id = w.site_id and (c.xid, c.id) > (w.feed_xid, w.feed_id) and "
                + wants("w", "'consent.changed'") + ") as pending, coalesce(d.failed, 0) as failed, "
                + "d.last_delivered_at from webhook_endpoint w left join (select endpoint_id, count(*) filter "
                + "(where status = 'PENDING') as pending, count(*) filter (where status = 'FAILED') as failed, "
                + "max(delivered_at) as last_delivered_at from webhook_delivery where endpoint_id = any(?) "
                + "group by endpoint_id) d on d.endpoint_id = w.id where w.id = any(?)";
        Map<UUID, EndpointHealth> found = new HashMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, c.createArrayOf("uuid", endpointIds.toArray()));
            ps.setArray(2, c.createArrayOf("uuid", endpointIds.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.put(rs.getObject(1, UUID.class), new EndpointHealth(rs.getLong("pending"), rs.getLong("failed"),
                            instant(rs, "last_delivered_at")));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read webhook health", e);
        }
        return found;
    }

    /** The endpoint's pending deliveries all due at {@code now}, back-off forgotten (attempts kept); how many. */
    int resume(UUID endpointId, Instant now) {
        String sql = "update webhook_delivery set next_attempt_at = ? where endpoint_id = ? and status = 'PENDING'";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setObject(2, endpointId);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not resume webhook deliveries", e);
        }
    }

    /**
     * Makes due again, with their own webhook-ids, the endpoint's first {@code max} deliveries made
     * at or after {@code from}; how many, and when the first one left over was made (null: none).
     */
    Replayed replay(UUID endpointId, Instant from, int max, Instant now) {
        String sql = "with chosen as (select id from webhook_delivery where endpoint_id = ? and created_at >= ? "
                + "order by created_at, id limit ?), replayed as (update webhook_delivery d set status = 'PENDING', "
                + "next_attempt_at = ?, leased_until = null from chosen where d.id = chosen.id returning d.created_at) "
                + "select (select count(*) from replayed), (select created_at from webhook_delivery where endpoint_id = ? "
                + "and created_at >= ? and id not in (select id from chosen) order by created_at, id limit 1)";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, endpointId);
            ps.setTimestamp(2, Timestamp.from(from));
            ps.setInt(3, max);
            ps.setTimestamp(4, Timestamp.from(now));
            ps.setObject(5, endpointId);
            ps.setTimestamp(6, Timestamp.from(from));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                Timestamp next = rs.getTimestamp(2);
                return new Replayed(rs.getInt(1), next == null ? null : next.toInstant());
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not replay webhook deliveries", e);
        }
    }

    /** What a replay did: {@code nextFrom} is where to replay from for the rest, null when there is none. */
    record Replayed(int replayed, Instant nextFrom) {
    }

    static Delivery read(ResultSet rs) throws SQLException {
        Integer code = rs.getObject("last_status_code", Integer.class);
        return new Delivery(rs.getLong("id"), rs.getObject("message_id", UUID.class),
                rs.getObject("endpoint_id", UUID.class), rs.getString("event_type"), rs.getObject("event_id", UUID.class),
                rs.getString("payload"), rs.getString("status"), rs.getInt("attempts"), code,
                rs.getString("last_error"), instant(rs, "next_attempt_at"), instant(rs, "created_at"),
                instant(rs, "delivered_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
