package org.consentledger.common;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Reads of a queue past a position ({@code where (xid, id) > (?, ?) order by xid, id limit ?}) that
 * must walk their index in its order and stop at the limit, whatever PostgreSQL guesses of how many
 * rows lie past the position. The statistics lag behind a queue that grows and empties all day:
 * when they say a handful, it picks a bitmap scan, which fetches every row past the position and
 * sorts them to hand on the first few (the ledger's queue: 8 to 31 ms a batch; a webhook feed's
 * changes: 14.7 ms a batch of 187, the whole backlog each time). Sequential and bitmap scans are
 * turned off for the read alone.
 */
public final class IndexOrder {

    private IndexOrder() {
    }

    /** A read on a connection. */
    @FunctionalInterface
    public interface Read<T> {
        T from(Connection c) throws SQLException;
    }

    /**
     * Runs {@code read} in the caller's transaction, or in one of its own on a connection in
     * autocommit (a setting made with SET LOCAL lasts until the transaction ends).
     */
    public static <T> T read(Connection c, Read<T> read) throws SQLException {
        boolean ownTransaction = c.getAutoCommit();
        if (ownTransaction) {
            c.setAutoCommit(false);
        }
        try {
            scansOtherThanIndexOrder(c, "off");
            T result = read.from(c);
            if (ownTransaction) {
                c.commit();
            } else {
                scansOtherThanIndexOrder(c, "default");
            }
            return result;
        } catch (SQLException | RuntimeException e) {
            if (ownTransaction) {
                c.rollback();
            }
            throw e;
        } finally {
            if (ownTransaction) {
                c.setAutoCommit(true);
            }
        }
    }

    private static void scansOtherThanIndexOrder(Connection c, String value) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("set local enable_seqscan to " + value + "; set local enable_bitmapscan to " + value);
        }
    }
}
