package org.consentledger.webhook;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Owns webhook_endpoint (migration V19), with plain JDBC on connections that join the caller's transaction. */
@ApplicationScoped
public class WebhookEndpoints {

    private static final String COLUMNS = "id, site_id, url, events, description, secret, previous_secret, "
            + "previous_secret_until, created_at, failing_since, disabled_at, disabled_reason";

    @Inject DataSource dataSource;

    void insert(Endpoint e) {
        execute("insert into webhook_endpoint (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", ps -> {
            ps.setObject(1, e.id());
            ps.setObject(2, e.siteId());
            ps.setString(3, e.url());
            ps.setArray(4, ps.getConnection().createArrayOf("text", e.events().toArray()));
            ps.setString(5, e.description());
            ps.setString(6, e.secret());
            ps.setString(7, null);
            ps.setTimestamp(8, null);
            ps.setTimestamp(9, Timestamp.from(e.createdAt()));
            ps.setTimestamp(10, null);
            ps.setTimestamp(11, null);
            ps.setString(12, null);
        });
    }

    /**
     * Locks the site's endpoints (its row in site, FOR KEY SHARE would not serialize two creates)
     * and counts them, so two concurrent creates cannot both pass the bound.
     */
    int lockAndCount(UUID siteId) {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement lock = c.prepareStatement("select pg_advisory_xact_lock(hashtext('webhook_endpoint:' || ?))")) {
                lock.setString(1, siteId.toString());
                lock.execute();
            }
            try (PreparedStatement ps = c.prepareStatement("select count(*) from webhook_endpoint where site_id = ?")) {
                ps.setObject(1, siteId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        } catch (SQLException ex) {
            throw new IllegalStateException("Could not count webhook endpoints", ex);
        }
    }

    List<Endpoint> ofSite(UUID siteId) {
        return query("select " + COLUMNS + " from webhook_endpoint where site_id = ? order by created_at, id", siteId);
    }

    Optional<Endpoint> find(UUID siteId, UUID id) {
        return query("select " + COLUMNS + " from webhook_endpoint where site_id = ? and id = ?", siteId, id)
                .stream().findFirst();
    }

    Optional<Endpoint> find(UUID id) {
        return query("select " + COLUMNS + " from webhook_endpoint where id = ?", id).stream().findFirst();
    }

    boolean delete(UUID siteId, UUID id) {
        return update("delete from webhook_endpoint where site_id = ? and id = ?", siteId, id) == 1;
    }

    /** The new secret signs from now on; the old one too until {@code previousUntil}. */
    void rotate(UUID id, String secret, String previous, Instant previousUntil) {
        update("update webhook_endpoint set secret = ?, previous_secret = ?, previous_secret_until = ? where id = ?",
                secret, previous, Timestamp.from(previousUntil), id);
    }

    /** A 2xx: the endpoint is healthy again. */
    void answered(UUID id) {
        update("update webhook_endpoint set failing_since = null where id = ? and failing_since is not null", id);
    }

    /** A failure: the endpoint has been failing since then, or since earlier; the time it started. */
    Instant failed(UUID id, Instant at) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "update webhook_endpoint set failing_since = coalesce(failing_since, ?) where id = ? returning failing_since")) {
            ps.setTimestamp(1, Timestamp.from(at));
            ps.setObject(2, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getTimestamp(1).toInstant() : at;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not record a webhook failure", e);
        }
    }

    void disable(UUID id, Instant at, String reason) {
        update("update webhook_endpoint set disabled_at = ?, disabled_reason = ? where id = ? and disabled_at is null",
                Timestamp.from(at), reason, id);
    }

    /** Why an endpoint was disabled, as it was just before it was enabled again. */
    record Disabled(Instant at, String reason) {
    }

    /**
     * Takes a disabled endpoint back, as new: not disabled, not failing (a first failure must not
     * disable it again at once), its change feed starting now, as a new endpoint's does (no change
     * was written for it while it was disabled). What it was disabled for; empty when it was not.
     */
    Optional<Disabled> enable(UUID id) {
        String sql = "update webhook_endpoint w set disabled_at = null, disabled_reason = null, failing_since = null, "
                + "feed_xid = pg_snapshot_xmax(pg_current_snapshot()), feed_id = 0, feed_leased_until = null "
                + "from (select id, disabled_at, disabled_reason from webhook_endpoint where id = ? for update) old "
                + "where w.id = old.id and old.disabled_at is not null returning old.disabled_at, old.disabled_reason";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Disabled(instant(rs, "disabled_at"), rs.getString("disabled_reason")))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not enable a webhook endpoint", e);
        }
    }

    private List<Endpoint> query(String sql, Object... parameters) {
        List<Endpoint> found = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                ps.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(read(rs));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read webhook endpoints", e);
        }
        return found;
    }

    private int update(String sql, Object... parameters) {
        return execute(sql, ps -> {
            for (int i = 0; i < parameters.length; i++) {
                ps.setObject(i + 1, parameters[i]);
            }
        });
    }

    private interface Binding {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private int execute(String sql, Binding binding) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binding.bind(ps);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not write a webhook endpoint", e);
        }
    }

    private static Endpoint read(ResultSet rs) throws SQLException {
        return new Endpoint(rs.getObject("id", UUID.class), rs.getObject("site_id", UUID.class), rs.getString("url"),
                Arrays.asList((String[]) rs.getArray("events").getArray()), rs.getString("description"),
                rs.getString("secret"), rs.getString("previous_secret"), instant(rs, "previous_secret_until"),
                instant(rs, "created_at"), instant(rs, "failing_since"), instant(rs, "disabled_at"),
                rs.getString("disabled_reason"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
