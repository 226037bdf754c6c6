package org.consentledger.webhook;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.consentledger.common.FreshPlans;
import org.consentledger.common.IndexOrder;
import org.consentledger.consent.EventKey;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The endpoints' feeds of consent.changed (migration V32): each endpoint's cursor over its site's
 * webhook_change rows, leased by one worker at a time (FOR UPDATE SKIP LOCKED, the lease committed
 * at once, so replicas never work one feed together and no transaction stays open while a worker
 * sends). A feed's changes become deliveries with a webhook-id made from the endpoint and the
 * change, so a batch sent again after a crash or a lost lease carries the same ids.
 */
@ApplicationScoped
class ChangeFeeds {

    /** Changes of transactions that have all ended, past a cursor, in the order they are handed on. */
    private static final String VISIBLE_PAST = "c.site_id = %1$s.site_id and (c.xid, c.id) > (%1$s.feed_xid, %1$s.feed_id) "
            + "and c.xid < pg_snapshot_xmin(pg_current_snapshot())";

    /** The feeds that read a site's changes: enabled, subscribed to consent.changed. */
    private static final String READING = Deliveries.wants("%1$s", "'consent.changed'");

    /** Up to ? enabled feeds with changes waiting, not leased, not among those this replica works; leased until ?. */
    private static final String LEASE = "update webhook_endpoint w set feed_leased_until = ? from (select e.id "
            + "from webhook_endpoint e where " + READING.formatted("e") + " "
            + "and (e.feed_leased_until is null or e.feed_leased_until < ?) and not e.id = any(?) "
            + "and exists (select 1 from webhook_change c where " + VISIBLE_PAST.formatted("e") + ") "
            + "order by random() limit ? for update skip locked) chosen where w.id = chosen.id "
            + "returning w.id, w.feed_xid::text, w.feed_id";

    private static final String CHANGES = "select c.id, c.xid::text, c.visitor_id, c.event_id, c.payload::text, c.created_at "
            + "from webhook_change c, (select ?::uuid as site_id, ?::xid8 as feed_xid, ?::bigint as feed_id) f "
            + "where " + VISIBLE_PAST.formatted("f") + " order by c.xid, c.id limit ?";

    /** Visitors with a consent.changed delivery still pending in the outbox: their next ones wait behind it there. */
    private static final String WAITING = "select distinct ordering_key from webhook_delivery where endpoint_id = ? "
            + "and status = 'PENDING' and ordering_key = any(?)";

    /**
     * The bodies travel as one text, joined by the record separator (U+001E), which JSON never holds
     * unescaped: as a text array, the driver escaped every quote of every body into the array's
     * literal (the largest share of the feeds' Java samples in a JFR recording of bench/webhooks.sh).
     */
    private static final String BODY_SEPARATOR = "\u001e";

    private static final String ENDED = "insert into webhook_delivery (message_id, endpoint_id, event_type, ordering_key, "
            + "event_id, payload, status, attempts, last_status_code, last_error, next_attempt_at, created_at, delivered_at) "
            + "select m, ?, 'consent.changed', v, e, p, s, a, code, left(err, 200), coalesce(nxt, now()), cr, dl "
            + "from unnest(string_to_array(?, chr(30)), ?::uuid[], ?::uuid[], ?::uuid[], ?::text[], ?::int[], ?::int[], ?::text[], "
            + "?::timestamptz[], ?::timestamptz[], ?::timestamptz[]) as u(p, m, v, e, s, a, code, err, nxt, cr, dl)";

    /** The cursor moved and the lease let go, only by the worker that still holds it. */
    private static final String MOVE = "update webhook_endpoint set feed_xid = ?::xid8, feed_id = ?, feed_leased_until = null "
            + "where id = ? and feed_leased_until = ?";

    /** Up to ? changes every feed of their site has passed: at or before the site's hindmost cursor. */
    private static final String PASSED = "with hindmost as (select distinct on (w.site_id) w.site_id, w.feed_xid, w.feed_id "
            + "from webhook_endpoint w where " + READING.formatted("w") + " order by w.site_id, w.feed_xid, w.feed_id) "
            + "delete from webhook_change where id in (select c.id from hindmost h join webhook_change c "
            + "on c.site_id = h.site_id and (c.xid, c.id) <= (h.feed_xid, h.feed_id) limit ?)";

    /**
     * Up to ? changes of sites with no feed left to read them (endpoints deleted, disabled or no longer
     * subscribed; one enabled again starts after them). A scan of the table: run seldom.
     */
    private static final String UNREAD = "delete from webhook_change where id in (select c.id from webhook_change c "
            + "where not exists (select 1 from webhook_endpoint w where w.site_id = c.site_id and " + READING.formatted("w") + ") limit ?)";

    @Inject DataSource dataSource;
    @Inject ChangeReceipts receipts;
    @Inject DeliveryRecords records;
    @Inject ObjectMapper json;

    /** A feed this worker holds until {@code until}, and where its cursor stood. */
    record Lease(UUID endpointId, String xid, long id, Instant until) {
    }

    /** One change as a delivery to the leased endpoint: its body with the receipt, and its webhook-id. */
    record Change(long id, String xid, UUID visitorId, Delivery delivery, boolean waiting) {
    }

    /** Leases up to {@code max} feeds with changes waiting, leaving out {@code working}. */
    List<Lease> lease(Instant now, Duration lease, int max, Collection<UUID> working) {
        try (Connection c = dataSource.getConnection()) {
            return lease(c, now, now.plus(lease).truncatedTo(ChronoUnit.MICROS), max, working);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not lease webhook feeds", e);
        }
    }

    static List<Lease> lease(Connection c, Instant now, Instant until, int max, Collection<UUID> working) throws SQLException {
        List<Lease> leased = new ArrayList<>();
        try (PreparedStatement ps = FreshPlans.prepare(c, LEASE)) {
            ps.setTimestamp(1, Timestamp.from(until));
            ps.setTimestamp(2, Timestamp.from(now));
            ps.setArray(3, c.createArrayOf("uuid", working.toArray()));
            ps.setInt(4, max);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    leased.add(new Lease(rs.getObject(1, UUID.class), rs.getString(2), rs.getLong(3), until));
                }
            }
        }
        return leased;
    }

    /**
     * The next changes past the lease's cursor, at most {@code max}, as deliveries to {@code endpoint},
     * each with its event's receipt; those of a visitor with a delivery pending in the outbox are
     * marked waiting, to go there behind it.
     */
    List<Change> next(Lease lease, Endpoint endpoint, int max) {
        try (Connection c = dataSource.getConnection()) {
            List<Object[]> rows = changesPast(c, endpoint.siteId(), lease.xid(), lease.id(), max);
            if (rows.isEmpty()) {
                return List.of();
            }
            Set<UUID> waiting = waiting(c, endpoint.id(), rows.stream().map(r -> (UUID) r[2]).distinct().toList());
            Set<EventKey> keys = new HashSet<>();
            rows.forEach(r -> keys.add(new EventKey(endpoint.siteId(), (UUID) r[3])));
            Map<EventKey, String> receiptOf = receipts.of(c, keys);
            List<Change> changes = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                Object[] r = rows.get(i);
                long id = (Long) r[0];
                String body = withReceipt((String) r[4], receiptOf.get(new EventKey(endpoint.siteId(), (UUID) r[3])));
                Delivery delivery = new Delivery(0, messageId(endpoint.id(), id), endpoint.id(), "consent.changed",
                        (UUID) r[3], body, Delivery.PENDING, 0, null, null, null, (Instant) r[5], null);
                changes.add(new Change(id, (String) r[1], (UUID) r[2], delivery, waiting.contains((UUID) r[2])));
            }
            return changes;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read a webhook feed", e);
        }
    }

    /** Up to {@code max} changes of a site past a cursor: id, xid, visitor, event, payload, created_at. */
    static List<Object[]> changesPast(Connection c, UUID siteId, String xid, long id, int max) throws SQLException {
        return IndexOrder.read(c, connection -> readChangesPast(connection, siteId, xid, id, max));
    }

    private static List<Object[]> readChangesPast(Connection c, UUID siteId, String xid, long id, int max) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        try (PreparedStatement ps = FreshPlans.prepare(c, CHANGES)) {
            ps.setObject(1, siteId);
            ps.setString(2, xid);
            ps.setLong(3, id);
            ps.setInt(4, max);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Object[] {rs.getLong(1), rs.getString(2), rs.getObject(3, UUID.class),
                            rs.getObject(4, UUID.class), rs.getString(5), rs.getTimestamp(6).toInstant()});
                }
            }
        }
        return rows;
    }

    /** The webhook-id's UUID of a change's delivery to an endpoint: the same every time it is made. */
    static UUID messageId(UUID endpointId, long changeId) {
        return UUID.nameUUIDFromBytes((endpointId + "/" + changeId).getBytes(StandardCharsets.UTF_8));
    }

    static Set<UUID> waiting(Connection c, UUID endpointId, List<UUID> visitors) throws SQLException {
        Set<UUID> waiting = new HashSet<>();
        try (PreparedStatement ps = FreshPlans.prepare(c, WAITING)) {
            ps.setObject(1, endpointId);
            ps.setArray(2, c.createArrayOf("uuid", visitors.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    waiting.add(rs.getObject(1, UUID.class));
                }
            }
        }
        return waiting;
    }

    /** How PostgreSQL prints a change's jsonb body: its keys ordered by length, so "data" first. */
    private static final String DATA_FIRST = "{\"data\": {";

    /**
     * The body sent and stored: the change as PostgreSQL printed it, with the receipt (JSON) as
     * the first member of its data; the change alone when the event has none (purged). Stored as
     * sent, so every later attempt sends these bytes.
     */
    String withReceipt(String change, String receipt) {
        if (receipt == null) {
            return change;
        }
        if (change.startsWith(DATA_FIRST) && !change.startsWith(DATA_FIRST + "}")) {
            return DATA_FIRST + "\"receipt\": " + receipt + ", " + change.substring(DATA_FIRST.length());
        }
        try {
            ObjectNode body = (ObjectNode) json.readTree(change);
            ((ObjectNode) body.get("data")).set("receipt", json.readTree(receipt));
            return json.writeValueAsString(body);
        } catch (JsonProcessingException | ClassCastException | NullPointerException e) {
            throw new IllegalStateException("A webhook change's body is not an object with a data object", e);
        }
    }

    /**
     * How a change's delivery ended in this batch: answered 2xx at {@code at}, or to be tried again
     * by the outbox at {@code nextAttempt} (null: failed for good) after {@code attempts} attempts.
     */
    record Ended(Change change, int attempts, Integer statusCode, String error, Instant at, Instant nextAttempt) {
        boolean delivered() {
            return attempts > 0 && error == null;
        }
    }

    /**
     * In one transaction: each delivery's row as it ended, the ledger records of those answered
     * 2xx, and the cursor past the last change; false, and nothing written, when the lease was lost
     * meanwhile (the worker that took it sends the batch again under the same webhook-ids).
     */
    boolean commit(Lease lease, Endpoint endpoint, List<Ended> ended) {
        Change last = ended.get(ended.size() - 1).change();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement ps = c.prepareStatement(MOVE)) {
                    ps.setString(1, last.xid());
                    ps.setLong(2, last.id());
                    ps.setObject(3, endpoint.id());
                    ps.setTimestamp(4, Timestamp.from(lease.until()));
                    if (ps.executeUpdate() == 0) {
                        c.rollback();
                        return false;
                    }
                }
                insertEnded(c, endpoint.id(), ended);
                List<DeliveryClaims.Answered> answered = ended.stream().filter(Ended::delivered)
                        .map(e -> new DeliveryClaims.Answered(e.change().delivery(), endpoint, e.statusCode(), e.at())).toList();
                if (!answered.isEmpty()) {
                    records.insert(c, answered);
                }
                c.commit();
                return true;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not record a webhook feed's deliveries", e);
        }
    }

    private static void insertEnded(Connection c, UUID endpointId, List<Ended> ended) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(ENDED)) {
            int n = ended.size();
            Object[][] columns = new Object[10][n];
            String[] bodies = new String[n];
            for (int i = 0; i < n; i++) {
                Ended e = ended.get(i);
                Delivery d = e.change().delivery();
                boolean failedForGood = !e.delivered() && e.attempts() > 0 && e.nextAttempt() == null;
                bodies[i] = d.payload();
                columns[0][i] = d.messageId();
                columns[1][i] = e.change().visitorId();
                columns[2][i] = d.eventId();
                columns[3][i] = e.delivered() ? Delivery.DELIVERED : failedForGood ? Delivery.FAILED : Delivery.PENDING;
                columns[4][i] = e.attempts();
                columns[5][i] = e.statusCode();
                columns[6][i] = e.error();
                columns[7][i] = e.nextAttempt() == null ? null : e.nextAttempt().atOffset(ZoneOffset.UTC);
                columns[8][i] = d.createdAt().atOffset(ZoneOffset.UTC);
                columns[9][i] = e.delivered() ? e.at().atOffset(ZoneOffset.UTC) : null;
            }
            String[] types = {"uuid", "uuid", "uuid", "text", "int4", "int4", "text", "timestamptz", "timestamptz",
                "timestamptz"};
            ps.setObject(1, endpointId);
            ps.setString(2, String.join(BODY_SEPARATOR, bodies));
            for (int k = 0; k < columns.length; k++) {
                ps.setArray(k + 3, c.createArrayOf(types[k], columns[k]));
            }
            ps.executeUpdate();
        }
    }

    /** Lets a lease go without moving the cursor (nothing was sent, or the batch could not be read). */
    void release(Lease lease) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "update webhook_endpoint set feed_leased_until = null where id = ? and feed_leased_until = ?")) {
            ps.setObject(1, lease.endpointId());
            ps.setTimestamp(2, Timestamp.from(lease.until()));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not let a webhook feed go", e);
        }
    }

    /** Deletes up to {@code max} changes every feed of their site has passed; how many. */
    int forgetPassed(int max) {
        return delete(PASSED, max);
    }

    /** Deletes up to {@code max} changes that no feed will read; how many. */
    int forgetUnread(int max) {
        return delete(UNREAD, max);
    }

    private int delete(String sql, int max) {
        try (Connection c = dataSource.getConnection()) {
            return delete(c, sql, max);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not delete passed webhook changes", e);
        }
    }

    static int forgetPassed(Connection c, int max) throws SQLException {
        return delete(c, PASSED, max);
    }

    private static int delete(Connection c, String sql, int max) throws SQLException {
        try (PreparedStatement ps = FreshPlans.prepare(c, sql)) {
            ps.setInt(1, max);
            return ps.executeUpdate();
        }
    }

    /** The deliveries by the order of their changes, in a map for the caller's grouping. */
    static Map<UUID, List<Change>> byVisitor(List<Change> changes) {
        Map<UUID, List<Change>> groups = new LinkedHashMap<>();
        changes.forEach(change -> groups.computeIfAbsent(change.visitorId(), v -> new ArrayList<>()).add(change));
        return groups;
    }
}
