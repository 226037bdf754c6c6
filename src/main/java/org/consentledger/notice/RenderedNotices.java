package org.consentledger.notice;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.consentledger.verify.CanonicalJson;
import org.consentledger.verify.Json;
import org.consentledger.verify.NoticeRenderings;

/**
 * Owns rendered_notice: every distinct notice served, stored once on first serve. Which site
 * served which noticeId, for which regime and with which versions, is remembered in memory, so
 * checking an event's noticeId costs a database read only the first time a replica meets it. Plain JDBC: the rendering is kept as the
 * exact canonical JSON that was hashed, which an entity mapping has no reason to preserve.
 */
@Singleton
public class RenderedNotices {

    /** Renderings per replica are few (sites x regimes x languages x versions); this only bounds a flood. */
    static final int MAX_REMEMBERED = 50_000;
    private static final String SELECT = "select r.notice_id, s.site_key, r.first_served_at, r.rendering "
            + "from rendered_notice r join site s on s.id = r.site_id ";

    private final Map<String, ServedNotice> served = new ConcurrentHashMap<>();
    @Inject DataSource dataSource;
    @Inject Clock clock;

    /** Stores the rendering unless it is stored already, and returns its noticeId. Blocking on a first serve. */
    public String keep(UUID siteId, Map<String, Object> rendering) {
        String noticeId = NoticeRenderings.noticeId(rendering);
        if (!served.containsKey(noticeId)) {
            insert(siteId, noticeId, CanonicalJson.string(rendering));
            remember(noticeId, ServedNotice.of(siteId, rendering));
        }
        return noticeId;
    }

    /** Whether {@link #served} can answer for this noticeId from memory. */
    public boolean holds(String noticeId) {
        return served.containsKey(noticeId);
    }

    /** The notice with this id, as served by any site on this replica or any other; empty if none did. */
    public Optional<ServedNotice> served(String noticeId) {
        ServedNotice known = served.get(noticeId);
        if (known == null) {
            known = stored(noticeId).orElse(null);
            if (known != null) {
                remember(noticeId, known);
            }
        }
        return Optional.ofNullable(known);
    }

    /** The stored renderings with these ids, on the caller's connection. */
    List<StoredRendering> findAll(Connection c, List<String> noticeIds) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SELECT + "where r.notice_id = any (?)")) {
            ps.setArray(1, c.createArrayOf("text", noticeIds.toArray()));
            return read(ps);
        }
    }

    /** One stored rendering of one site. */
    public Optional<StoredRendering> find(UUID siteId, String noticeId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(SELECT + "where r.notice_id = ? and r.site_id = ?")) {
            ps.setString(1, noticeId);
            ps.setObject(2, siteId);
            return read(ps).stream().findFirst();
        } catch (SQLException e) {
            throw new IllegalStateException("Reading a rendered notice failed", e);
        }
    }

    private static List<StoredRendering> read(PreparedStatement ps) throws SQLException {
        List<StoredRendering> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new StoredRendering(rs.getString(1).trim(), rs.getString(2),
                        rs.getObject(3, OffsetDateTime.class).toInstant(), Json.parseObject(rs.getString(4))));
            }
        }
        return out;
    }

    private void insert(UUID siteId, String noticeId, String rendering) {
        String sql = "insert into rendered_notice (notice_id, site_id, rendering, first_served_at) values (?, ?, ?, ?) "
                + "on conflict (notice_id) do nothing";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, noticeId);
            ps.setObject(2, siteId);
            ps.setString(3, rendering);
            ps.setObject(4, OffsetDateTime.ofInstant(Instant.now(clock).truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Storing a rendered notice failed", e);
        }
    }

    private Optional<ServedNotice> stored(String noticeId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select site_id, rendering from rendered_notice where notice_id = ?")) {
            ps.setString(1, noticeId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(ServedNotice.of(rs.getObject(1, UUID.class), Json.parseObject(rs.getString(2))))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Reading a rendered notice failed", e);
        }
    }

    private void remember(String noticeId, ServedNotice notice) {
        if (served.size() < MAX_REMEMBERED) {
            served.put(noticeId, notice);
        }
    }
}
