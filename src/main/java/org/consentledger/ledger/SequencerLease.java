package org.consentledger.ledger;

import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.logging.Log;

/**
 * Which replica sequences and checkpoints: the one whose dedicated connection holds a
 * session-level advisory lock. The others stand by and try for it on every renewal; when the
 * holder's session ends (process killed, connection lost), PostgreSQL releases the lock and the
 * next standby to try takes over. Replicas stay stateless: the lease lives in the database.
 */
@ApplicationScoped
public class SequencerLease {

    /** Advisory lock key of the lease; not the per-batch {@link LedgerSequencer#LOCK_KEY}, which tests hold to pause it. */
    public static final long LEASE_KEY = 0x436f6e73656e74L + 1;

    @Inject DataSource dataSource;
    private final String replica = ManagementFactory.getRuntimeMXBean().getName();
    private Connection held;
    private volatile boolean leader;

    /** This replica's name in logs and the ledger health check: process id and host. */
    public String replica() {
        return replica;
    }

    public boolean leader() {
        return leader;
    }

    /** Keeps the lease if held and its session is alive, or tries to take it; returns whether this replica leads. */
    public synchronized boolean renew() {
        if (held != null) {
            try (PreparedStatement ps = held.prepareStatement("select 1"); ResultSet rs = ps.executeQuery()) {
                return true;
            } catch (SQLException e) {
                Log.warnf("Replica %s lost the sequencer lease: its database session failed (%s)", replica, e.getMessage());
                release();
                return false;
            }
        }
        Connection c = null;
        try {
            c = dataSource.getConnection();
            if (tryLock(c)) {
                held = c;
                leader = true;
                Log.infof("Replica %s now sequences the ledger and signs its checkpoints", replica);
                return true;
            }
            c.close();
        } catch (SQLException e) {
            closeQuietly(c);
            throw new IllegalStateException("Could not try the sequencer lease", e);
        }
        return false;
    }

    /** Gives the lease up, so a standby takes over at once. */
    public synchronized void release() {
        if (held == null) {
            return;
        }
        leader = false;
        try (PreparedStatement ps = held.prepareStatement("select pg_advisory_unlock(?)")) {
            ps.setLong(1, LEASE_KEY);
            ps.execute();
            held.close();
        } catch (SQLException e) {
            // The session is broken: end it for good rather than hand a locked session back to the pool.
            closePhysically(held);
        }
        held = null;
    }

    private static boolean tryLock(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select pg_try_advisory_lock(?)")) {
            ps.setLong(1, LEASE_KEY);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private static void closePhysically(Connection c) {
        try {
            c.unwrap(Connection.class).close();
        } catch (SQLException | RuntimeException ignored) {
            // already gone
        }
        closeQuietly(c);
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // the pool discards it
            }
        }
    }
}
