package org.consentledger.identity;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.consentledger.common.ApiException;
import org.consentledger.site.Site;
import org.consentledger.site.SiteRepository;

/**
 * Links and unlinks visitor ids, each change an identity event (and so a ledger record) written
 * with the current link it changes, in one transaction.
 */
@ApplicationScoped
public class IdentityService {

    /** What a link request did: {@code created} false when the visitor id was linked to that account already. */
    public record Linked(boolean created, IdentityLink link) {
    }

    @Inject SiteRepository sites;
    @Inject UserIds userIds;
    @Inject IdentityEvents events;
    @Inject IdentityLinks links;
    @Inject IdentityConfig config;
    @Inject DataSource dataSource;
    @Inject Event<IdentityLinked> linked;
    @Inject Clock clock;

    /**
     * Links the visitor id to the account. Linked to it already: nothing is written. Linked to
     * another account: that link is replaced, written as its UNLINKED followed by the new LINKED.
     */
    @Transactional
    public Linked link(String siteKey, UUID visitorId, String userId, String actor) {
        Site site = sites.require(siteKey);
        String userHash = userIds.hash(site.id, userId);
        try (Connection c = dataSource.getConnection()) {
            links.lock(c, site.id, visitorId, userHash);
            Optional<IdentityLink> current = links.current(c, site.id, visitorId);
            if (current.isPresent() && current.get().userHash().equals(userHash)) {
                return new Linked(false, current.get());
            }
            if (links.countOf(c, site.id, userHash) >= config.maxVisitorsPerUser()) {
                throw ApiException.beyondLimit("userId", "At most " + config.maxVisitorsPerUser()
                        + " visitor ids may be linked to one userId", "has " + config.maxVisitorsPerUser()
                        + " visitor ids linked already; unlink one first");
            }
            Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
            if (current.isPresent()) {
                events.insert(c, site.id, visitorId, current.get().userHash(), IdentityEventType.UNLINKED, actor, now);
            }
            long linkEventId = events.insert(c, site.id, visitorId, userHash, IdentityEventType.LINKED, actor, now);
            links.put(c, site.id, visitorId, userHash, linkEventId);
            linked.fire(new IdentityLinked(site.id, siteKey, visitorId, userHash, linkEventId, now));
            return new Linked(true, new IdentityLink(siteKey, visitorId, userHash, linkEventId, now));
        } catch (SQLException e) {
            throw new IllegalStateException("Could not link a visitor id", e);
        }
    }

    /** Unlinks the visitor id; false, with nothing written, when it was not linked. */
    @Transactional
    public boolean unlink(String siteKey, UUID visitorId, String actor) {
        Site site = sites.require(siteKey);
        try (Connection c = dataSource.getConnection()) {
            links.lock(c, site.id, visitorId, null);
            Optional<IdentityLink> current = links.current(c, site.id, visitorId);
            if (current.isEmpty()) {
                return false;
            }
            Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
            events.insert(c, site.id, visitorId, current.get().userHash(), IdentityEventType.UNLINKED, actor, now);
            links.remove(c, site.id, visitorId);
            return true;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not unlink a visitor id", e);
        }
    }

    /** The visitor id's link in force, or 404. */
    public IdentityLink linkOf(String siteKey, UUID visitorId) {
        Site site = sites.require(siteKey);
        return links.linkOf(site.id, visitorId).orElseThrow(() -> ApiException.notFound("This visitorId is not linked"));
    }
}
