package org.consentledger.support;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import org.consentledger.ledger.LedgerSequencer;

/**
 * An operator with PostgreSQL superuser rights but not the signing key, in one transaction that
 * holds the sequencer's advisory lock: nothing is sequenced until it commits, so rows written
 * meanwhile can be deleted or rewritten before the ledger ever hashes them.
 */
public final class Superuser implements AutoCloseable {

    private final Connection connection;

    private Superuser(Connection connection) {
        this.connection = connection;
    }

    public static Superuser pausingTheSequencer(DataSource dataSource) throws SQLException {
        Connection c = dataSource.getConnection();
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute("select pg_advisory_xact_lock(" + LedgerSequencer.LOCK_KEY + ")");
        }
        return new Superuser(c);
    }

    /** Runs the statements with the append-only triggers off, as only a superuser can. */
    public void rewrite(String... statements) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("set local session_replication_role = replica");
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }

    /** Commits what was rewritten, and lets the sequencer go on. */
    @Override
    public void close() throws SQLException {
        try {
            connection.commit();
        } finally {
            connection.close();
        }
    }
}
