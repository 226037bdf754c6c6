package org.consentledger.ledger.evidence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The visitor's event ids, on the evidence package's own connection. Plain JDBC reading ids only:
 * the events' records come from their owner, EventStore, through LedgerRecords.
 */
final class EvidenceQueries {

    private EvidenceQueries() {
    }

    /** The visitor's event ids on a site, in the order they were recorded. */
    static List<String> eventIdsOf(Connection c, UUID siteId, UUID visitorId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "select event_id from consent_event where site_id = ? and visitor_id = ? order by id")) {
            ps.setObject(1, siteId);
            ps.setObject(2, visitorId);
            List<String> ids = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
            return ids;
        }
    }
}
