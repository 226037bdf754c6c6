package org.consentledger.retention;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which purge removed an event: its eventId's key outlives it and names the day it was kept
 * until, and the purge of that day names its admin log entry. An event missing without such a
 * purge was removed some other way, and stays a failure for the verifier.
 */
public final class PurgedEvents {

    private static final String PURGED_BY = "select k.event_id::text, p.admin_log_id from consent_event_key k "
            + "join retention_purge p on p.retain_until = k.retain_until where k.event_id = any(?::uuid[])";

    private static final String PURGES_OF_SITE = "select admin_log_id from retention_purge_site where site_key = ? "
            + "order by retain_until";

    private PurgedEvents() {
    }

    /** The admin log id of the purge record of each of these eventIds that was purged. */
    public static Map<String, Long> purgedBy(Connection c, Collection<String> eventIds) throws SQLException {
        Map<String, Long> purges = new HashMap<>();
        if (eventIds.isEmpty()) {
            return purges;
        }
        try (PreparedStatement ps = c.prepareStatement(PURGED_BY)) {
            ps.setArray(1, c.createArrayOf("text", eventIds.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    purges.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        return purges;
    }

    /**
     * The admin log ids of the site's own records of the purges that removed events of it, oldest
     * first: each names only this site, unlike the purge's record of the whole log.
     */
    public static List<Long> purgesOfSite(Connection c, String siteKey) throws SQLException {
        List<Long> purges = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(PURGES_OF_SITE)) {
            ps.setString(1, siteKey);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    purges.add(rs.getLong(1));
                }
            }
        }
        return purges;
    }
}
