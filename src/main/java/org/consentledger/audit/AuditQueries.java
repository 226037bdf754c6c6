package org.consentledger.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;
import io.quarkus.arc.InjectableInstance;
import io.quarkus.logging.Log;

import org.consentledger.consent.EventColumns;
import org.consentledger.consent.EventLeaves;
import org.consentledger.consent.StoredEvent;
import org.consentledger.policy.PolicyKind;
import org.consentledger.site.Site;

/**
 * All the SQL auditors' reads run, in plain JDBC: keyset pages on (site_id, id), a streaming
 * export through a server-side cursor, and aggregates over the outcome's jsonb, none of which an
 * entity query expresses well. Event columns come from {@link EventColumns}.
 *
 * <p>They read from the datasource "audit" when it is active, that is when
 * consent.audit.read-url (CONSENT_AUDIT_READ_URL) names a streaming standby, and from the primary
 * otherwise. This constructor is the one place that chooses. A standby lags by its replay delay,
 * so an event acknowledged a moment ago may not be found yet. Event search, the event export,
 * visitor history and summaries come through here; ledger proofs, evidence and the ledger export
 * do not: they stay on the primary, where the newest checkpoint is.
 */
@ApplicationScoped
public class AuditQueries {

    static final int EXPORT_FETCH_SIZE = 2000;

    interface RowReader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    interface RowHandler {
        void handle(StoredEvent event) throws SQLException;
    }

    private static final String EVENTS = "select " + EventColumns.SELECT + " from " + EventColumns.FROM + " where ";

    private final DataSource dataSource;

    AuditQueries(DataSource primary,
            @io.quarkus.agroal.DataSource("audit") InjectableInstance<AgroalDataSource> standby) {
        List<AgroalDataSource> active = standby.listActive();
        this.dataSource = active.isEmpty() ? primary : active.get(0);
        Log.infof("Audit reads go to the %s", active.isEmpty() ? "primary" : "read-only datasource \"audit\"");
    }

    /** Where audit reads go, for the audit classes that hold their own SQL (the timeseries, re-consent). */
    DataSource source() {
        return dataSource;
    }

    /** Up to {@code limit} events after position {@code after}, oldest first. */
    List<StoredEvent> events(UUID siteId, EventFilter filter, long after, int limit) {
        List<Object> params = new ArrayList<>();
        String sql = EVENTS + where(siteId, filter, params) + " and e.id > ? order by e.id limit ?";
        params.add(after);
        params.add(limit);
        return withLeaves(sql, params);
    }

    /** The events of these visitors, in the order they were recorded. */
    List<StoredEvent> visitorEvents(UUID siteId, List<UUID> visitorIds) {
        return withLeaves(EVENTS + "e.site_id = ? and e.visitor_id = any(?) order by e.id",
                List.of(siteId, visitorIds.toArray(UUID[]::new)));
    }

    /** The events a query selects, each with its ledger leaf, read on the same connection. */
    private List<StoredEvent> withLeaves(String sql, List<Object> params) {
        try (Connection c = dataSource.getConnection()) {
            return EventLeaves.attach(c, read(c, sql, params, EventColumns::read));
        } catch (SQLException e) {
            throw new IllegalStateException("Audit query failed", e);
        }
    }

    /** Hands every matching event, oldest first, to {@code handler} while streaming them from the database. */
    void forEachEvent(UUID siteId, EventFilter filter, RowHandler handler) {
        List<Object> params = new ArrayList<>();
        String sql = EVENTS + where(siteId, filter, params) + " order by e.id";
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false); // PostgreSQL only streams with a cursor inside a transaction
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setFetchSize(EXPORT_FETCH_SIZE);
                bind(ps, params);
                List<StoredEvent> chunk = new ArrayList<>(EXPORT_FETCH_SIZE);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        chunk.add(EventColumns.read(rs));
                        if (chunk.size() == EXPORT_FETCH_SIZE) {
                            handleWithLeaves(c, chunk, handler);
                        }
                    }
                }
                handleWithLeaves(c, chunk, handler);
            } finally {
                c.rollback();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Export failed", e);
        }
    }

    /** Hands a chunk of the stream to {@code handler} with the events' leaves, and empties it. */
    private static void handleWithLeaves(Connection c, List<StoredEvent> chunk, RowHandler handler) throws SQLException {
        for (StoredEvent event : EventLeaves.attach(c, chunk)) {
            handler.handle(event);
        }
        chunk.clear();
    }

    Map<String, Long> countsByType(UUID siteId, EventFilter filter) {
        return counts("e.type", siteId, filter);
    }

    Map<String, Long> countsByEea(UUID siteId, EventFilter filter) {
        return counts("e.eea", siteId, filter);
    }

    List<Summary.DocumentCount> countsByDocument(UUID siteId, EventFilter filter) {
        List<Object> params = new ArrayList<>();
        String sql = "select v.id, v.kind, v.version, count(*) "
                + "from consent_event e cross join lateral unnest(e.document_version_ids) shown(id) "
                + "join policy_version v on v.id = shown.id where " + where(siteId, filter, params)
                + " group by v.id, v.kind, v.version order by v.kind, v.version";
        return query(sql, params, rs -> new Summary.DocumentCount(rs.getObject(1, UUID.class),
                PolicyKind.valueOf(rs.getString(2)), rs.getString(3), rs.getLong(4)));
    }

    /** How many visitors made a consent-changing act in the period. */
    long decidingVisitors(UUID siteId, EventFilter filter) {
        List<Object> params = new ArrayList<>();
        String sql = "select count(*) from (" + latestDecisions(siteId, filter, params) + ") latest";
        return query(sql, params, rs -> rs.getLong(1)).get(0);
    }

    /** For each category: how many visitors' latest consent-changing act in the period grants it. */
    Map<String, Long> grantsByCategory(UUID siteId, EventFilter filter) {
        List<Object> params = new ArrayList<>();
        String sql = "select c.key, count(*) filter (where c.value = 'GRANTED') from ("
                + latestDecisions(siteId, filter, params)
                + ") latest" + EventColumns.outcomeJoin("latest") + " cross join lateral jsonb_each_text("
                + EventColumns.outcome("latest") + " -> 'categories') c group by c.key";
        Map<String, Long> grants = new TreeMap<>();
        query(sql, params, rs -> grants.put(rs.getString(1), rs.getLong(2)));
        return grants;
    }

    /**
     * How many visitors' latest consent-changing act in the period has expired: {accept, reject}.
     * {@code lifetimes} gives, per rules version and regime, the latest decision time that has
     * expired for an accepting and for a rejecting decision.
     */
    long[] expiredDecisions(UUID siteId, EventFilter filter, List<Lifetime> lifetimes) {
        List<Object> params = new ArrayList<>();
        String latest = "select distinct on (e.visitor_id) e.outcome, e.outcome_id, e.regime, e.rules_version, e.received_at "
                + "from consent_event e where " + where(siteId, filter, params) + " and " + EventColumns.CHANGES_CONSENT
                + " order by e.visitor_id, e.id desc";
        String grantedAny = "exists (select 1 from jsonb_each_text(" + EventColumns.outcome("latest") + " -> 'categories') c "
                + "where c.key <> '" + Site.NECESSARY + "' and c.value = 'GRANTED')";
        String sql = "select count(*) filter (where " + grantedAny + " and latest.received_at <= l.accept_cutoff), "
                + "count(*) filter (where not " + grantedAny + " and latest.received_at <= l.reject_cutoff) "
                + "from (" + latest + ") latest" + EventColumns.outcomeJoin("latest") + " join unnest(?::integer[], ?, ?::timestamptz[], ?::timestamptz[]) "
                + "as l(rules_version, regime, accept_cutoff, reject_cutoff) "
                + "on l.rules_version = latest.rules_version and l.regime = latest.regime";
        // Every array travels as text[] and is cast by the statement.
        params.add(lifetimes.stream().map(l -> String.valueOf(l.rulesVersion())).toArray(String[]::new));
        params.add(lifetimes.stream().map(Lifetime::regime).toArray(String[]::new));
        params.add(lifetimes.stream().map(l -> l.acceptCutoff().toString()).toArray(String[]::new));
        params.add(lifetimes.stream().map(l -> l.rejectCutoff().toString()).toArray(String[]::new));
        return query(sql, params, rs -> new long[] { rs.getLong(1), rs.getLong(2) }).get(0);
    }

    /** For one regime of one rules version: decisions made no later than these have expired. */
    record Lifetime(int rulesVersion, String regime, Instant acceptCutoff, Instant rejectCutoff) {
    }

    private String latestDecisions(UUID siteId, EventFilter filter, List<Object> params) {
        return "select distinct on (e.visitor_id) e.outcome, e.outcome_id from consent_event e where " + where(siteId, filter, params)
                + " and " + EventColumns.CHANGES_CONSENT + " order by e.visitor_id, e.id desc";
    }

    private Map<String, Long> counts(String expression, UUID siteId, EventFilter filter) {
        List<Object> params = new ArrayList<>();
        String sql = "select " + expression + "::text, count(*) from consent_event e where " + where(siteId, filter, params)
                + " group by " + expression;
        Map<String, Long> counts = new LinkedHashMap<>();
        query(sql, params, rs -> counts.put(rs.getString(1), rs.getLong(2)));
        return counts;
    }

    /** SQL conditions on alias "e" for the filter, with their parameters appended to {@code params}. */
    private static String where(UUID siteId, EventFilter filter, List<Object> params) {
        List<String> conditions = new ArrayList<>();
        conditions.add("e.site_id = ?");
        params.add(siteId);
        if (filter.from() != null) {
            conditions.add("e.received_at >= ?");
            params.add(Timestamp.from(filter.from()));
        }
        if (filter.to() != null) {
            conditions.add("e.received_at < ?");
            params.add(Timestamp.from(filter.to()));
        }
        if (filter.type() != null) {
            conditions.add("e.type = ?");
            params.add(filter.type().name());
        }
        if (filter.eea() != null) {
            conditions.add("e.eea = ?");
            params.add(filter.eea());
        }
        if (filter.country() != null) {
            conditions.add("e.country = ?");
            params.add(filter.country());
        }
        if (filter.regime() != null) {
            conditions.add("e.regime = ?");
            params.add(filter.regime());
        }
        if (filter.visitorId() != null) {
            conditions.add("e.visitor_id = ?");
            params.add(filter.visitorId());
        }
        if (filter.documentVersionId() != null) {
            conditions.add("e.document_version_ids @> array[?]::uuid[]");
            params.add(filter.documentVersionId());
        }
        return String.join(" and ", conditions);
    }

    private <T> List<T> query(String sql, List<Object> params, RowReader<T> reader) {
        try (Connection c = dataSource.getConnection()) {
            return read(c, sql, params, reader);
        } catch (SQLException e) {
            throw new IllegalStateException("Audit query failed", e);
        }
    }

    private static <T> List<T> read(Connection c, String sql, List<Object> params, RowReader<T> reader)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                List<T> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(reader.read(rs));
                }
                return out;
            }
        }
    }

    private static void bind(PreparedStatement ps, List<Object> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            Object value = params.get(i);
            if (value instanceof String[] array) {
                ps.setArray(i + 1, ps.getConnection().createArrayOf("text", array));
            } else if (value instanceof UUID[] array) {
                ps.setArray(i + 1, ps.getConnection().createArrayOf("uuid", array));
            } else {
                ps.setObject(i + 1, value);
            }
        }
    }
}
