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

    /** By the events' keys in the ledger: "<siteKey>/<eventId>", or before V30 the eventId alone. */
    private static final String PURGED_BY = "select u.record_key, p.admin_log_id from unnest(?::text[]) as u(record_key) "
            + "left join site s on strpos(u.record_key, '/') > 0 and s.site_key = split_part(u.record_key, '/', 1) "
            + "left join consent_event_key k on k.site_id = s.id and k.event_id = (case when strpos(u.record_key, '/') > 0 "
            + "then split_part(u.record_key, '/', 2)::uuid end) "
            + "left join legacy_event_key l on l.event_id = (case when strpos(u.record_key, '/') = 0 then u.record_key::uuid end) "
            + "join retention_purge p on p.retain_until = coalesce(k.retain_until, l.retain_until)";

    private static final String PURGES_OF_SITE = "select admin_log_id from retention_purge_site where site_key = ? "
            + "order by retain_until";

    private PurgedEvents() {
    }

    /** The admin log id of the purge record of each of these events that was purged, by key in the ledger. */
    public static Map<String, Long> purgedBy(Connection c, Collection<String> recordKeys) throws SQLException {
        Map<String, Long> purges = new HashMap<>();
        if (recordKeys.isEmpty()) {
            return purges;
        }
        try (PreparedStatement ps = c.prepareStatement(PURGED_BY)) {
            ps.setArray(1, c.createArrayOf("text", recordKeys.toArray()));
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
