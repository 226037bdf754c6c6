package org.consentledger.consent;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;

import jakarta.enterprise.context.ApplicationScoped;

import org.consentledger.retention.EventProjection;

/**
 * A user agent or page URL goes with the last event that named it (V26): once no partition kept
 * until that day or earlier is left, the entries kept until then are deleted. While an older
 * partition remains (a purge was skipped), nothing is deleted: its events may name them, and a
 * later purge deletes them.
 */
@ApplicationScoped
class EventTextRetention implements EventProjection {

    private static final String FORGET = "delete from event_text where keep_until <= ?::date "
            + "and not exists (select 1 from consent_event where retain_until <= ?::date)";

    @Override
    public void refreshAfterPurge(Connection c, LocalDate keptUntil) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(FORGET)) {
            ps.setObject(1, keptUntil);
            ps.setObject(2, keptUntil);
            ps.executeUpdate();
        }
    }
}
