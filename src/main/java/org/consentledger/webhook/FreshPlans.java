package org.consentledger.webhook;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import org.postgresql.PGStatement;

/**
 * Statements over the webhook tables planned for their values every time they run, never on a
 * generic plan. Those tables start empty and stay small while deliveries keep up: a generic plan
 * made then is kept by the pooled connection whatever the table becomes, and scanned all of
 * webhook_change or webhook_delivery for every lease, batch or claim once rows had built up
 * (FeedReadPlansTest). Planning each time costs a fraction of a millisecond a batch.
 */
final class FreshPlans {

    private FreshPlans() {
    }

    static PreparedStatement prepare(Connection c, String sql) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        ps.unwrap(PGStatement.class).setPrepareThreshold(0);
        return ps;
    }
}
