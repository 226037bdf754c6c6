package org.consentledger.webhook;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;

import jakarta.enterprise.context.ApplicationScoped;

import org.consentledger.retention.EventProjection;

/**
 * The outbox forgets purged events with them: a consent.changed body names the visitor and their
 * choices, which must not outlive the event. Only rows written by the purged month's date can
 * name a purged event (an event is kept for months after it is received), so only those are
 * looked at. The same goes for the change feeds' rows (webhook_change) not yet deleted. The proof
 * that an endpoint was told stays: it is a ledger record naming the event alone.
 */
@ApplicationScoped
class OutboxRetention implements EventProjection {

    private static final String FORGET = "delete from webhook_delivery d using webhook_endpoint w "
            + "where w.id = d.endpoint_id and d.event_id is not null "
            + "and d.created_at < (?::date + 1) and not exists (select 1 from consent_event_key k "
            + "join consent_event e on e.site_id = k.site_id and e.id = k.event_row_id and e.retain_until = k.retain_until "
            + "where k.event_id = d.event_id and k.site_id = w.site_id)";

    private static final String FORGET_CHANGES = "delete from webhook_change d where d.created_at < (?::date + 1) "
            + "and not exists (select 1 from consent_event_key k join consent_event e on e.site_id = k.site_id "
            + "and e.id = k.event_row_id and e.retain_until = k.retain_until "
            + "where k.event_id = d.event_id and k.site_id = d.site_id)";

    @Override
    public void refreshAfterPurge(Connection c, LocalDate keptUntil) throws SQLException {
        for (String forget : new String[] {FORGET, FORGET_CHANGES}) {
            try (PreparedStatement ps = c.prepareStatement(forget)) {
                ps.setObject(1, keptUntil);
                ps.executeUpdate();
            }
        }
    }
}
