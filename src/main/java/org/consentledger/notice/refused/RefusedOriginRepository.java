package org.consentledger.notice.refused;

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
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

/** The one owner of refused_origin. */
@ApplicationScoped
class RefusedOriginRepository {

    /** Adds one origin's refusals and its distinct clients, at most {@link RefusedOriginTally#MAX_CLIENTS}. */
    private static final String ADD = "insert into refused_origin (site_id, origin, refusals, clients, first_seen, last_seen) "
            + "values (?, ?, ?, ?, ?, ?) "
            + "on conflict (site_id, origin) do update set refusals = refused_origin.refusals + excluded.refusals, "
            + "clients = array(select distinct c from unnest(refused_origin.clients || excluded.clients) c order by c "
            + "limit " + RefusedOriginTally.MAX_CLIENTS + "), "
            + "first_seen = least(refused_origin.first_seen, excluded.first_seen), "
            + "last_seen = greatest(refused_origin.last_seen, excluded.last_seen)";

    private static final String EXPIRE = "delete from refused_origin where last_seen < ?";

    /** The ranking, also the list's order: refused for the most distinct clients, then the most recently seen. */
    private static final String RANKING = "cardinality(clients) desc, last_seen desc, origin";

    /** Beyond the limit per site (the second parameter), the lowest ranked origins of the sites just added to go. */
    private static final String TRIM = "delete from refused_origin r using (select site_id, origin, row_number() over "
            + "(partition by site_id order by " + RANKING + ") as rank from refused_origin where site_id = any (?)) ranked "
            + "where r.site_id = ranked.site_id and r.origin = ranked.origin and ranked.rank > ?";

    private static final String LIST = "select origin, refusals, cardinality(clients), first_seen, last_seen "
            + "from refused_origin where site_id = ? and last_seen >= ? order by " + RANKING;

    private static final String CALLS_BY_SITE = "select s.site_key, sum(r.refusals) from refused_origin r "
            + "join site s on s.id = r.site_id where r.last_seen >= ? group by s.site_key";

    private final DataSource dataSource;

    RefusedOriginRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * In one transaction: deletes what expired, adds every entry in one batch, then trims each
     * site it added to back to {@code maxPerSite} origins by rank.
     */
    void add(List<RefusedOriginTally.Entry> entries, int maxPerSite, Instant expiredBefore) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement expire = c.prepareStatement(EXPIRE); PreparedStatement add = c.prepareStatement(ADD);
                    PreparedStatement trim = c.prepareStatement(TRIM)) {
                expire.setTimestamp(1, Timestamp.from(expiredBefore));
                expire.executeUpdate();
                for (RefusedOriginTally.Entry e : entries) {
                    add.setObject(1, e.siteId());
                    add.setString(2, e.origin());
                    add.setLong(3, e.count());
                    add.setArray(4, c.createArrayOf("text", e.clients().toArray()));
                    add.setTimestamp(5, Timestamp.from(e.firstSeen()));
                    add.setTimestamp(6, Timestamp.from(e.lastSeen()));
                    add.addBatch();
                }
                add.executeBatch();
                trim.setArray(1, c.createArrayOf("uuid", entries.stream().map(RefusedOriginTally.Entry::siteId)
                        .distinct().toArray()));
                trim.setInt(2, maxPerSite);
                trim.executeUpdate();
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        }
    }

    Map<String, Long> callsBySiteKey(Instant expiredBefore) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(CALLS_BY_SITE)) {
            ps.setTimestamp(1, Timestamp.from(expiredBefore));
            Map<String, Long> calls = new HashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    calls.put(rs.getString(1), rs.getLong(2));
                }
            }
            return calls;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not count refused calls", e);
        }
    }

    List<RefusedOriginView> list(UUID siteId, Instant expiredBefore) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(LIST)) {
            ps.setObject(1, siteId);
            ps.setTimestamp(2, Timestamp.from(expiredBefore));
            List<RefusedOriginView> views = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    views.add(new RefusedOriginView(rs.getString(1), rs.getLong(2), rs.getInt(3),
                            rs.getTimestamp(4).toInstant(), rs.getTimestamp(5).toInstant()));
                }
            }
            return views;
        } catch (SQLException e) {
            throw new IllegalStateException("Reading refused origins failed", e);
        }
    }
}
