package org.consentledger.ledger;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

/** Runs a ledger read on one pooled connection, so a proof and the checkpoint it leads to are read together. */
public final class LedgerReads {

    /** Reads on the connection it is given. */
    public interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private LedgerReads() {
    }

    public static <T> T read(DataSource dataSource, Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new IllegalStateException("Ledger read failed", e);
        }
    }
}
