package org.consentledger.consent;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.consentledger.common.DatabaseFailures;
import org.consentledger.common.FreshPlans;
import org.consentledger.retention.PartitionEvents;

import io.quarkus.logging.Log;

/**
 * Appends consent events with plain JDBC rather than through an entity: one statement inserts a
 * whole group commit from arrays ({@link EventInserts}), and ON CONFLICT makes the idempotency
 * check part of the write. There is no UPDATE or DELETE here.
 */
@ApplicationScoped
public class EventStore implements PartitionEvents {

    /**
     * The partition (kept-until day) and row id of each event, from its key: the only index on
     * eventIds (V25), by site (V30). A key whose event was purged still answers, and finds no row.
     */
    // By "= any" on each column: Citus routes that to the sites' shards, and a join with unnest to
    // every shard. A key of another site in the list whose eventId is also listed is read too, harmlessly.
    private static final String PARTITIONS_OF = "select k.event_row_id, k.retain_until from consent_event_key k "
            + "where k.site_id = any(?) and k.event_id = any(?) and k.event_row_id is not null";

    private static final String SITE_IDS = "select site_key, id from site where site_key = any(?)";

    /** The sites of events keyed by their eventId alone, in leaves made before V30; null where purged. */
    private static final String LEGACY_SITES = "select event_id, site_id from legacy_event_key where event_id = any(?)";

    /**
     * The events of one partition, by row id. Naming the partition key as a parameter prunes every
     * other partition before the scan, whatever the statistics say; a join through the keys left
     * the choice to the planner, which without fresh statistics of new partitions scanned them all.
     */
    private static final String BY_ROW_IDS = "select " + EventColumns.SELECT + " from " + EventColumns.FROM
            + " where e.retain_until = ?::date and e.site_id = any(?) and e.id = any(?)";

    private static final String LATEST_CONSENT_CHANGE = "select " + EventColumns.SELECT + " from " + EventColumns.FROM
            + " where e.site_id = ? and e.visitor_id = ? and " + EventColumns.CHANGES_CONSENT
            + " order by e.id desc limit 1";

    /**
     * The first event in the ledger's order past its first leaves: among the other leaves, or else
     * still queued past the sequencer's mark. Neither reads consent_event by row id alone, which
     * no index leads with since V30.
     */
    private static final String FIRST_LEAF_FROM = "select record_key from ledger_leaf where source = 'consent_event' "
            + "and seq >= ? order by seq limit 1";
    private static final String FIRST_QUEUED = "select q.record_key from ledger_queue q, ledger_sequencer_mark m "
            + "where q.source = 'consent_event' and (q.xid, q.id) > (m.xid, m.id) order by q.xid, q.id limit 1";

    private static final String KEPT_UNTIL = "select e.event_id, s.site_key from consent_event e "
            + "join site s on s.id = e.site_id where e.retain_until = ? order by e.event_id";

    private static final String VISITOR_EVENT_IDS = "select event_id from consent_event where site_id = ? "
            + "and visitor_id = any(?) order by id";

    /**
     * What became of one event of a batch: newly written, the row already there under its
     * eventId, or refused by the database with the SQLSTATE in {@code refusedWith}.
     */
    public record Written(boolean created, NewEvent event, String refusedWith) {

        public Written(boolean created, NewEvent event) {
            this(created, event, null);
        }

        public boolean refused() {
            return refusedWith != null;
        }
    }

    /**
     * In place of a SQLSTATE: the eventId is taken, but its event is gone, purged by retention.
     * The key outlives the event, so the id is never recorded twice.
     */
    public static final String PURGED = "purged";

    private final DataSource dataSource;
    private final EventInserts inserts;
    private final EventTexts texts;

    /** Without an outbox: the events and the decisions only. */
    EventStore(DataSource dataSource) {
        this(dataSource, (ConsentChangeOutbox) null, new EventTexts());
    }

    @Inject
    EventStore(DataSource dataSource, Instance<ConsentChangeOutbox> outbox, EventTexts texts) {
        this(dataSource, outbox.isResolvable() ? outbox.get() : null, texts);
    }

    private EventStore(DataSource dataSource, ConsentChangeOutbox outbox, EventTexts texts) {
        this.dataSource = dataSource;
        this.inserts = new EventInserts(outbox);
        this.texts = texts;
    }

    /**
     * Writes the events in one transaction and returns, in the same order, what became of each.
     * When it returns, everything it reports as created is committed. A row the database refuses
     * is reported as refused and costs the batch one more statement, never one per event.
     */
    public List<Written> insertAll(List<NewEvent> events) {
        try (Connection c = dataSource.getConnection()) {
            EventTexts.Ids textIds = textIds(c, events);
            c.setAutoCommit(false);
            try {
                String[] refusals = new String[events.size()];
                Set<EventKey> inserted;
                try {
                    inserted = inserts.batch(c, events, textIds);
                } catch (SQLException batchRefused) {
                    if (DatabaseFailures.isUnavailable(batchRefused)) {
                        throw batchRefused; // a lock or statement timeout, not a bad row: the whole batch waits
                    }
                    // One bad row fails the whole statement. Instead of retrying event by event, one
                    // more statement inserts row by row and names the rows the database refuses.
                    c.rollback();
                    inserted = inserts.rowByRow(c, events, textIds, refusals);
                }
                // The first occurrence of an inserted key is the new row; the rest find it.
                Set<EventKey> claimed = new HashSet<>();
                boolean[] created = new boolean[events.size()];
                List<EventKey> alreadyThere = new ArrayList<>();
                for (int i = 0; i < events.size(); i++) {
                    EventKey key = EventKey.of(events.get(i));
                    created[i] = refusals[i] == null && inserted.contains(key) && claimed.add(key);
                    if (!created[i] && refusals[i] == null) {
                        alreadyThere.add(key);
                    }
                }
                Map<EventKey, StoredEvent> existing = alreadyThere.isEmpty() ? Map.of() : findAll(c, alreadyThere);
                c.commit();
                List<Written> written = new ArrayList<>(events.size());
                for (int i = 0; i < events.size(); i++) {
                    NewEvent event = events.get(i);
                    StoredEvent original = existing.get(EventKey.of(event));
                    written.add(refusals[i] != null ? new Written(false, event, refusals[i])
                            : created[i] ? new Written(true, event)
                            : original == null ? new Written(false, event, PURGED)
                            : new Written(false, original.event()));
                }
                return written;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not record consent events", e);
        }
    }

    /**
     * The batch's dictionary ids, in a transaction of their own. Should the dictionary refuse a
     * value for any reason but an unavailable database, the texts are written inline, as before
     * V26, so that the events are still recorded (or refused for what they hold).
     */
    private EventTexts.Ids textIds(Connection c, List<NewEvent> events) throws SQLException {
        try {
            return texts.resolve(c, events);
        } catch (SQLException | RuntimeException e) {
            if (DatabaseFailures.isUnavailable(e)) {
                throw e;
            }
            Log.errorf(e, "The event_text dictionary refused a batch of %d events; their texts are written inline",
                    events.size());
            return null;
        }
    }

    /** The stored events with these keys, on the caller's connection, without their leaves ({@link EventLeaves}). */
    public Map<EventKey, StoredEvent> findAll(Connection c, Collection<EventKey> keys) throws SQLException {
        Map<EventKey, StoredEvent> found = new HashMap<>();
        Set<EventKey> asked = Set.copyOf(keys);
        Object[] sites = keys.stream().map(EventKey::siteId).distinct().toArray();
        for (Map.Entry<LocalDate, List<Long>> partition : partitionsOf(c, keys).entrySet()) {
            // Planned for its values every time: the generic plan PostgreSQL switches to after
            // five runs also reads the partition's primary key for the date, every row of the
            // month (1.6 ms at 20,000 rows, instead of 0.2).
            try (PreparedStatement ps = FreshPlans.prepare(c, BY_ROW_IDS)) {
                ps.setObject(1, partition.getKey());
                ps.setArray(2, c.createArrayOf("uuid", sites));
                ps.setArray(3, c.createArrayOf("bigint", partition.getValue().toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        StoredEvent stored = EventColumns.read(rs);
                        EventKey key = EventKey.of(stored.event());
                        // "= any" per column also matches another asked site's row with an asked eventId
                        if (asked.contains(key)) {
                            found.put(key, stored);
                        }
                    }
                }
            }
        }
        return found;
    }

    /**
     * Of these eventIds, which the caller found no row of, the ones whose row may yet be read: no
     * writer has claimed them yet, or their row committed since the caller read (this statement's
     * snapshot is newer). A claim is made with its event and kept after the event is purged, so an
     * event with a claim and no row is gone for good, while one without either may still be
     * committing (under Citus, on a worker, after the coordinator).
     */
    public Set<EventKey> mayStillBeRead(Connection c, List<EventKey> keys) throws SQLException {
        Set<EventKey> unclaimed = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement("select site_id, event_id from unnest(?::uuid[], ?::uuid[]) "
                + "as k(site_id, event_id) where not exists (select 1 from consent_event_key kk "
                + "where kk.site_id = k.site_id and kk.event_id = k.event_id) "
                + "or exists (select 1 from consent_event_key kk join consent_event e on e.site_id = kk.site_id "
                + "and e.id = kk.event_row_id and e.retain_until = kk.retain_until "
                + "where kk.site_id = k.site_id and kk.event_id = k.event_id)")) {
            bindKeys(c, ps, keys);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    unclaimed.add(new EventKey(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class)));
                }
            }
        }
        return unclaimed;
    }

    /**
     * The stored events under these ledger record keys, by key: a key made before V30 is an
     * eventId alone, whose site legacy_event_key tells; an event purged before V30 has none.
     */
    public Map<String, StoredEvent> findByRecordKeys(Connection c, Collection<String> recordKeys) throws SQLException {
        Map<String, EventKey> keys = eventKeys(c, recordKeys);
        Map<EventKey, StoredEvent> found = keys.isEmpty() ? Map.of() : findAll(c, keys.values());
        Map<String, StoredEvent> out = new HashMap<>();
        keys.forEach((recordKey, key) -> {
            if (found.containsKey(key)) {
                out.put(recordKey, found.get(key));
            }
        });
        return out;
    }

    /**
     * The events these ledger record keys name, by key: a key of the form {@link EventKey#recordKey}
     * names its site by key; one made before V30 is an eventId alone, whose site legacy_event_key
     * tells. A key of an unknown site, or of an event purged before V30, names none.
     */
    public static Map<String, EventKey> eventKeys(Connection c, Collection<String> recordKeys) throws SQLException {
        Map<String, EventKey> keys = new HashMap<>();
        Map<String, EventKey.Named> named = new HashMap<>();
        List<UUID> legacy = new ArrayList<>();
        for (String recordKey : recordKeys) {
            EventKey.Named key = EventKey.parse(recordKey);
            if (key != null) {
                named.put(recordKey, key);
            } else {
                legacy.add(UUID.fromString(recordKey));
            }
        }
        if (!named.isEmpty()) {
            Map<String, UUID> sites = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement(SITE_IDS)) {
                ps.setArray(1, c.createArrayOf("text", named.values().stream().map(EventKey.Named::siteKey).distinct().toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        sites.put(rs.getString(1), rs.getObject(2, UUID.class));
                    }
                }
            }
            named.forEach((recordKey, key) -> {
                if (sites.containsKey(key.siteKey())) {
                    keys.put(recordKey, new EventKey(sites.get(key.siteKey()), key.eventId()));
                }
            });
        }
        if (!legacy.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement(LEGACY_SITES)) {
                ps.setArray(1, c.createArrayOf("uuid", legacy.toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        UUID site = rs.getObject(2, UUID.class);
                        if (site != null) {
                            UUID eventId = rs.getObject(1, UUID.class);
                            keys.put(eventId.toString(), new EventKey(site, eventId));
                        }
                    }
                }
            }
        }
        return keys;
    }

    /** The keys of the sites that hold an event with this eventId: through the claims' index, which leads with the eventId. */
    public static List<String> siteKeysOf(Connection c, UUID eventId) throws SQLException {
        List<String> siteKeys = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select s.site_key from consent_event_key k "
                + "join site s on s.id = k.site_id where k.event_id = ?")) {
            ps.setObject(1, eventId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    siteKeys.add(rs.getString(1));
                }
            }
        }
        return siteKeys;
    }

    /**
     * Of these events, those whose leaf may be keyed by the eventId alone: claimed before V30 on
     * their own site, or purged before V30, when nobody knows the site any more. The latter is
     * safe to give any site only because such an eventId stays taken on every site (V30, and the
     * writer's anti-join in {@link EventInserts}): no other site can hold it.
     */
    public static Set<EventKey> bareKeyed(Connection c, Collection<EventKey> keys) throws SQLException {
        Set<EventKey> bare = new HashSet<>();
        if (keys.isEmpty()) {
            return bare;
        }
        Map<UUID, UUID> legacySites = new HashMap<>();
        Set<UUID> siteUnknown = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement(LEGACY_SITES)) {
            ps.setArray(1, c.createArrayOf("uuid", keys.stream().map(EventKey::eventId).distinct().toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    UUID site = rs.getObject(2, UUID.class);
                    if (site == null) {
                        siteUnknown.add(rs.getObject(1, UUID.class));
                    } else {
                        legacySites.put(rs.getObject(1, UUID.class), site);
                    }
                }
            }
        }
        keys.stream().filter(key -> siteUnknown.contains(key.eventId()) || key.siteId().equals(legacySites.get(key.eventId())))
                .forEach(bare::add);
        return bare;
    }

    private static void bindKeys(Connection c, PreparedStatement ps, Collection<EventKey> keys) throws SQLException {
        ps.setArray(1, c.createArrayOf("uuid", keys.stream().map(EventKey::siteId).toArray()));
        ps.setArray(2, c.createArrayOf("uuid", keys.stream().map(EventKey::eventId).toArray()));
    }

    /** The row ids of the events that have a key, by partition (a batch is mostly in one or two). */
    private static Map<LocalDate, List<Long>> partitionsOf(Connection c, Collection<EventKey> keys) throws SQLException {
        Map<LocalDate, List<Long>> partitions = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(PARTITIONS_OF)) {
            bindKeys(c, ps, keys);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    partitions.computeIfAbsent(rs.getObject(2, LocalDate.class), day -> new ArrayList<>())
                            .add(rs.getLong(1));
                }
            }
        }
        return partitions;
    }

    @Override
    public void forEachKeptUntil(Connection c, LocalDate keptUntil, Visitor visitor) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(KEPT_UNTIL)) {
            ps.setObject(1, keptUntil);
            ps.setFetchSize(10_000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    visitor.event(rs.getString(1), rs.getString(2));
                }
            }
        }
    }

    /** The visitors' event ids on a site, in the order they were recorded, on the caller's connection. */
    public List<UUID> eventIdsOf(Connection c, UUID siteId, List<UUID> visitorIds) throws SQLException {
        List<UUID> ids = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(VISITOR_EVENT_IDS)) {
            ps.setObject(1, siteId);
            ps.setArray(2, c.createArrayOf("uuid", visitorIds.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getObject(1, UUID.class));
                }
            }
        }
        return ids;
    }

    /**
     * When the first event in the ledger's order that the first {@code leaves} leaves do not hold
     * was received, on the caller's connection: index lookups, never a count over the table.
     */
    public Optional<Instant> oldestReceivedBeyond(Connection c, long leaves) throws SQLException {
        Optional<String> key = firstKey(c, FIRST_LEAF_FROM, leaves);
        if (key.isEmpty()) {
            key = firstKey(c, FIRST_QUEUED, null);
        }
        if (key.isEmpty()) {
            return Optional.empty();
        }
        return findByRecordKeys(c, List.of(key.get())).values().stream().findFirst()
                .map(stored -> stored.event().receivedAt());
    }

    private static Optional<String> firstKey(Connection c, String query, Long leaves) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(query)) {
            if (leaves != null) {
                ps.setLong(1, leaves);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    /** The visitor's latest event that says something about consent. */
    public Optional<StoredEvent> latestConsentChange(UUID siteId, UUID visitorId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(LATEST_CONSENT_CHANGE)) {
            ps.setObject(1, siteId);
            ps.setObject(2, visitorId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(EventColumns.read(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read consent events", e);
        }
    }


}
