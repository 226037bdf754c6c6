package org.consentledger.common;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import org.postgresql.PGStatement;

/**
 * Statements planned for their values every time they run, never on a generic plan. The driver
 * server-prepares a statement after five runs on a connection, and PostgreSQL then may keep the
 * generic plan it made, whatever the tables become. For a table that starts empty or small (the
 * ledger's leaves, the webhook tables) that plan scanned the whole table for every batch for as long
 * as the pooled connection lived (LedgerLeavesLookupTest, FeedReadPlansTest); for a partition it
 * read the whole month's primary key (EventStoreTest). Each run then pays its planning: for the
 * statements whose best plan depends on how large their tables have grown, not for the hot path's.
 */
public final class FreshPlans {

    private FreshPlans() {
    }

    public static PreparedStatement prepare(Connection c, String sql) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        ps.unwrap(PGStatement.class).setPrepareThreshold(0);
        return ps;
    }
}
