package org.consentledger.webhook;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.consentledger.common.FreshPlans;
import org.consentledger.consent.EventKey;

/**
 * The workers' part of webhook_delivery (owned with {@link Deliveries}): claiming due rows under a
 * lease, and recording each attempt. Claims lock with FOR UPDATE SKIP LOCKED and commit the lease at
 * once, so replicas never take the same row and no transaction stays open during a delivery; a
 * worker that dies leaves a lease that runs out, and the row is delivered again (at least once).
 */
@ApplicationScoped
public class DeliveryClaims {

    /**
     * Due rows of enabled endpoints, endpoint by endpoint in random order (so none waits behind the
     * others), each endpoint's oldest first and no more than the room this replica has left under
     * its in-flight cap; not leased, and first in line for their visitor on their endpoint: a
     * visitor's later delivery waits while an earlier one is pending. Each probe walks an index of
     * the endpoint's pending rows (V21), so a claim costs the same with ten pending rows or a million.
     * The room is the worker's count, passed in: counting the leased rows at each claim walked every
     * delivered row's dead index entry until vacuum came (2 of the claim's 3.7 ms under load).
     */
    private static final String DUE = "select d.id, d.event_id, d.lacks_receipt, w.site_id "
            + "from (select w.id, w.site_id, coalesce(r.room, ?) as room from webhook_endpoint w "
            + "left join unnest(?::uuid[], ?::int[]) as r(endpoint_id, room) on r.endpoint_id = w.id "
            + "where w.disabled_at is null order by random()) w "
            + "cross join lateral (select d.id, d.event_id, d.event_type = 'consent.changed' and d.event_id is not null "
            + "and d.payload::jsonb -> 'data' -> 'receipt' is null as lacks_receipt from webhook_delivery d "
            + "where d.endpoint_id = w.id and d.status = 'PENDING' "
            + "and d.next_attempt_at <= ? and (d.leased_until is null or d.leased_until < ?) and (d.ordering_key is null "
            + "or not exists (select 1 from webhook_delivery e where e.endpoint_id = d.endpoint_id "
            + "and e.ordering_key = d.ordering_key and e.status = 'PENDING' and e.id < d.id)) "
            + "order by d.next_attempt_at, d.id limit greatest(w.room, 0) for update of d skip locked) d limit ?";

    /**
     * The lease, and the event's receipt into a consent.changed body that lacks one: one new row
     * version, not two. It changes no indexed column, so with the room V23 leaves in each page the
     * new version is a heap-only tuple and no index takes an entry for it. (Moving a leased row to
     * the back of the due index by its next attempt took one, and doubled the dead entries that
     * every claim walks: 13.7 ms a claim instead of 5.6.)
     */
    private static final String LEASE = "update webhook_delivery d set leased_until = ?, "
            + "payload = case when r.receipt is null then d.payload "
            + "else jsonb_set(d.payload::jsonb, '{data,receipt}', r.receipt::jsonb)::text end "
            + "from unnest(?::bigint[], ?::text[]) as r(delivery_id, receipt) where d.id = r.delivery_id "
            + "returning " + Deliveries.COLUMNS;

    @Inject DataSource dataSource;
    @Inject DeliveryRecords records;
    @Inject ChangeReceipts receipts;

    /**
     * Up to {@code max} due deliveries, leased until {@code now + lease}, each consent.changed one
     * with its event's receipt: for each endpoint at most its {@code room}, or {@code perEndpoint}
     * for an endpoint not named there.
     */
    List<Delivery> claim(Instant now, Duration lease, int max, int perEndpoint, Map<UUID, Integer> room) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                List<Long> chosen = new ArrayList<>();
                Map<Long, EventKey> lacking = new HashMap<>();
                for (Due due : due(c, now, max, perEndpoint, room)) {
                    chosen.add(due.id());
                    if (due.lacksReceipt()) {
                        lacking.put(due.id(), new EventKey(due.siteId(), due.eventId()));
                    }
                }
                List<Delivery> claimed = new ArrayList<>();
                if (!chosen.isEmpty()) {
                    Map<EventKey, String> receiptOf = receipts.of(c, Set.copyOf(lacking.values()));
                    try (PreparedStatement ps = c.prepareStatement(LEASE)) {
                        ps.setTimestamp(1, Timestamp.from(now.plus(lease)));
                        ps.setArray(2, c.createArrayOf("bigint", chosen.toArray()));
                        Object[] receiptOfRow = chosen.stream()
                                .map(id -> lacking.containsKey(id) ? receiptOf.get(lacking.get(id)) : null).toArray();
                        ps.setArray(3, c.createArrayOf("text", receiptOfRow));
                        try (ResultSet rs = ps.executeQuery()) {
                            while (rs.next()) {
                                claimed.add(Deliveries.read(rs));
                            }
                        }
                    }
                }
                c.commit();
                claimed.sort((a, b) -> Long.compare(a.id(), b.id()));
                return claimed;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not claim webhook deliveries", e);
        }
    }

    /** A delivery due, locked for this transaction: its event, and whether its body still lacks the receipt. */
    record Due(long id, UUID eventId, boolean lacksReceipt, UUID siteId) {
    }

    /** The deliveries due (see {@link #DUE}), locked in the caller's transaction. */
    static List<Due> due(Connection c, Instant now, int max, int perEndpoint, Map<UUID, Integer> room) throws SQLException {
        List<Due> due = new ArrayList<>();
        try (PreparedStatement ps = FreshPlans.prepare(c, DUE)) {
            Timestamp at = Timestamp.from(now);
            ps.setInt(1, perEndpoint);
            ps.setArray(2, c.createArrayOf("uuid", room.keySet().toArray()));
            ps.setArray(3, c.createArrayOf("int4", room.values().toArray()));
            ps.setTimestamp(4, at);
            ps.setTimestamp(5, at);
            ps.setInt(6, max);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    due.add(new Due(rs.getLong(1), rs.getObject(2, UUID.class), rs.getBoolean(3), rs.getObject(4, UUID.class)));
                }
            }
        }
        return due;
    }

    /** An endpoint's 2xx answer to a delivery, waiting to be recorded with others. */
    record Answered(Delivery delivery, Endpoint endpoint, int statusCode, Instant at) {
    }

    /**
     * The deliveries answered 2xx: DELIVERED, each with its ledger record, in one transaction, so
     * neither is ever without the other.
     */
    void delivered(List<Answered> answers) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("update webhook_delivery d set status = 'DELIVERED', "
                    + "attempts = d.attempts + 1, last_status_code = a.status, last_error = null, delivered_at = a.at, "
                    + "leased_until = null from unnest(?::bigint[], ?::int[], ?::timestamptz[]) as a(id, status, at) "
                    + "where d.id = a.id")) {
                ps.setArray(1, c.createArrayOf("bigint", answers.stream().map(a -> a.delivery().id()).toArray()));
                ps.setArray(2, c.createArrayOf("int4", answers.stream().map(Answered::statusCode).toArray()));
                ps.setArray(3, c.createArrayOf("timestamptz",
                        answers.stream().map(a -> a.at().atOffset(ZoneOffset.UTC)).toArray()));
                ps.executeUpdate();
                records.insert(c, answers);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not record webhook deliveries", e);
        }
    }

    /** A failed attempt: tried again at {@code nextAttempt}, or failed for good when it is null. */
    void failed(long id, Integer statusCode, String error, Instant nextAttempt) {
        update("update webhook_delivery set attempts = attempts + 1, last_status_code = ?, last_error = left(?, 200), "
                + "status = case when ?::timestamptz is null then 'FAILED' else 'PENDING' end, "
                + "next_attempt_at = coalesce(?::timestamptz, next_attempt_at), leased_until = null where id = ?",
                statusCode, error, ts(nextAttempt), ts(nextAttempt), id);
    }

    private static Timestamp ts(Instant at) {
        return at == null ? null : Timestamp.from(at);
    }

    private void update(String sql, Object... parameters) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                ps.setObject(i + 1, parameters[i]);
            }
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not record a webhook attempt", e);
        }
    }
}
