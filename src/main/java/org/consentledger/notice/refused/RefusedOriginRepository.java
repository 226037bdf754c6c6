package org.consentledger.notice.refused;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
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

    /**
     * Adds one origin's refusals. A new origin gets a row only while its site has fewer than the
     * limit (the third-to-last parameter); a known one is always added to.
     */
    private static final String ADD = "insert into refused_origin (site_id, origin, refusals, first_seen, last_seen) "
            + "select ?, ?, ?, ?, ? where exists (select 1 from refused_origin where site_id = ? and origin = ?) "
            + "or (select count(*) from refused_origin where site_id = ?) < ? "
            + "on conflict (site_id, origin) do update set refusals = refused_origin.refusals + excluded.refusals, "
            + "first_seen = least(refused_origin.first_seen, excluded.first_seen), "
            + "last_seen = greatest(refused_origin.last_seen, excluded.last_seen)";
    private static final String LIST = "select origin, refusals, first_seen, last_seen from refused_origin "
            + "where site_id = ? order by last_seen desc, origin";

    private static final String CALLS_BY_SITE = "select s.site_key, sum(r.refusals) from refused_origin r "
            + "join site s on s.id = r.site_id group by s.site_key";

    private final DataSource dataSource;

    RefusedOriginRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Adds every entry in one transaction and one batch. */
    void add(List<RefusedOriginTally.Entry> entries, int maxPerSite) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(ADD)) {
                for (RefusedOriginTally.Entry e : entries) {
                    ps.setObject(1, e.siteId());
                    ps.setString(2, e.origin());
                    ps.setLong(3, e.count());
                    ps.setTimestamp(4, Timestamp.from(e.firstSeen()));
                    ps.setTimestamp(5, Timestamp.from(e.lastSeen()));
                    ps.setObject(6, e.siteId());
                    ps.setString(7, e.origin());
                    ps.setObject(8, e.siteId());
                    ps.setInt(9, maxPerSite);
                    ps.addBatch();
                }
                ps.executeBatch();
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        }
    }

    Map<String, Long> callsBySiteKey() {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(CALLS_BY_SITE);
                ResultSet rs = ps.executeQuery()) {
            Map<String, Long> calls = new HashMap<>();
            while (rs.next()) {
                calls.put(rs.getString(1), rs.getLong(2));
            }
            return calls;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not count refused calls", e);
        }
    }

    List<RefusedOriginView> list(UUID siteId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(LIST)) {
            ps.setObject(1, siteId);
            List<RefusedOriginView> views = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    views.add(new RefusedOriginView(rs.getString(1), rs.getLong(2), rs.getTimestamp(3).toInstant(),
                            rs.getTimestamp(4).toInstant()));
                }
            }
            return views;
        } catch (SQLException e) {
            throw new IllegalStateException("Reading refused origins failed", e);
        }
    }
}
