package org.consentledger.identity;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.consentledger.consent.LinkedVisitors;

/**
 * The one owner of identity_link, the links in force, which {@link IdentityService} rewrites in
 * the same transaction as the identity events that say why. Other features read here which
 * visitor ids are one person's ({@link #visitorsOf}, and for consent's reads {@link #of}) and whose a
 * visitor id is ({@link #userOf}).
 */
@ApplicationScoped
public class IdentityLinks implements LinkedVisitors {

    private static final String CURRENT = "select s.site_key, l.visitor_id, l.user_hash, l.linked_by, e.at "
            + "from identity_link l join identity_event e on e.id = l.linked_by join site s on s.id = l.site_id "
            + "where l.site_id = ? and l.visitor_id = ?";

    /**
     * Every link of the accounts concerned: those of the visitor ids asked ($2, $3) and those
     * asked by hash ($4). Both lookups are probes of an index, and an account has at most
     * {@code consent.identity.max-visitors-per-user} links.
     */
    private static final String PEOPLE = "select user_hash, visitor_id from identity_link where site_id = ? "
            + "and user_hash in (select user_hash from identity_link where site_id = ? and visitor_id = any(?) "
            + "union select unnest(?::char(64)[])) order by user_hash, linked_by";

    private final DataSource dataSource;

    IdentityLinks(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The visitor ids linked to the account now, in the order they were linked. */
    public List<UUID> visitorsOf(UUID siteId, String userHash) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select visitor_id from identity_link where site_id = ? and user_hash = ? order by linked_by")) {
            ps.setObject(1, siteId);
            ps.setString(2, userHash);
            List<UUID> visitors = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    visitors.add(rs.getObject(1, UUID.class));
                }
            }
            return visitors;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read identity links", e);
        }
    }

    @Override
    public Links of(UUID siteId, Collection<UUID> visitorIds, Collection<String> userHashes) {
        Map<UUID, String> accountOf = new HashMap<>();
        Map<String, List<UUID>> visitorsOf = new HashMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(PEOPLE)) {
            ps.setObject(1, siteId);
            ps.setObject(2, siteId);
            ps.setArray(3, c.createArrayOf("uuid", visitorIds.toArray()));
            ps.setArray(4, c.createArrayOf("text", userHashes.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String user = rs.getString(1);
                    UUID visitor = rs.getObject(2, UUID.class);
                    visitorsOf.computeIfAbsent(user, u -> new ArrayList<>()).add(visitor);
                    accountOf.put(visitor, user);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read identity links", e);
        }
        accountOf.keySet().retainAll(Set.copyOf(visitorIds));
        return new Links(accountOf, visitorsOf);
    }

    /** The hash of the account the visitor id is linked to now, if any. */
    public Optional<String> userOf(UUID siteId, UUID visitorId) {
        return linkOf(siteId, visitorId).map(IdentityLink::userHash);
    }

    /** The visitor id's link in force, if any. */
    public Optional<IdentityLink> linkOf(UUID siteId, UUID visitorId) {
        try (Connection c = dataSource.getConnection()) {
            return current(c, siteId, visitorId);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read identity links", e);
        }
    }

    Optional<IdentityLink> current(Connection c, UUID siteId, UUID visitorId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(CURRENT)) {
            ps.setObject(1, siteId);
            ps.setObject(2, visitorId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new IdentityLink(rs.getString(1), rs.getObject(2, UUID.class),
                        rs.getString(3), rs.getLong(4), rs.getObject(5, OffsetDateTime.class).toInstant()))
                        : Optional.empty();
            }
        }
    }

    /**
     * Holds, until the caller's transaction ends, the locks of the visitor id and of the account,
     * so that two requests cannot both link past the bound nor both replace the same link. Every
     * writer takes the visitor's lock first, so no two wait on each other.
     */
    void lock(Connection c, UUID siteId, UUID visitorId, String userHash) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select pg_advisory_xact_lock(hashtextextended(?, 0))")) {
            ps.setString(1, "identity-visitor:" + siteId + ":" + visitorId);
            ps.execute();
            if (userHash != null) {
                ps.setString(1, "identity-user:" + siteId + ":" + userHash);
                ps.execute();
            }
        }
    }

    long countOf(Connection c, UUID siteId, String userHash) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "select count(*) from identity_link where site_id = ? and user_hash = ?")) {
            ps.setObject(1, siteId);
            ps.setString(2, userHash);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    void put(Connection c, UUID siteId, UUID visitorId, String userHash, long linkedBy) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into identity_link (site_id, visitor_id, user_hash, linked_by) "
                + "values (?, ?, ?, ?) on conflict (site_id, visitor_id) "
                + "do update set user_hash = excluded.user_hash, linked_by = excluded.linked_by")) {
            ps.setObject(1, siteId);
            ps.setObject(2, visitorId);
            ps.setString(3, userHash);
            ps.setLong(4, linkedBy);
            ps.executeUpdate();
        }
    }

    void remove(Connection c, UUID siteId, UUID visitorId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("delete from identity_link where site_id = ? and visitor_id = ?")) {
            ps.setObject(1, siteId);
            ps.setObject(2, visitorId);
            ps.executeUpdate();
        }
    }
}
