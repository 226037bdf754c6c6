package org.consentledger.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The ledger's writes, in plain JDBC on the sequencer's or checkpointer's connection: queued
 * records are taken past the mark and leaves appended inside one transaction, with the mark row
 * locked, which an entity manager would not share. Nothing here updates or deletes a leaf.
 */
final class LedgerStore {

    record Queued(long id, String source, String recordKey, String xid) {

        RecordRef ref() {
            return new RecordRef(source, recordKey);
        }
    }

    /** A position in the queue's (xid, id) order: the last row the sequencer took. */
    record Mark(String xid, long id) {
    }

    private LedgerStore() {
    }

    /** The mark, locked until the transaction ends: a second sequencer waits here and then sees the first's leaves. */
    static Mark lockMark(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select xid::text, id from ledger_sequencer_mark for update");
                ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                throw new IllegalStateException("ledger_sequencer_mark has no row");
            }
            return new Mark(rs.getString(1), rs.getLong(2));
        }
    }

    static void moveMark(Connection c, Mark mark) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update ledger_sequencer_mark set xid = ?::xid8, id = ?")) {
            ps.setString(1, mark.xid());
            ps.setLong(2, mark.id());
            ps.executeUpdate();
        }
    }

    /**
     * Rows past the mark whose transactions are older than this statement's snapshot xmin: those
     * have all ended, so no row before the last one returned can still appear later.
     */
    static List<Queued> queuedAfter(Connection c, Mark mark, int limit) throws SQLException {
        // q.xid, not xid: a bare "order by xid" would sort by the output column xid::text, with no index.
        try (PreparedStatement ps = c.prepareStatement("select q.id, q.source, q.record_key, q.xid::text from ledger_queue q "
                + "where (q.xid, q.id) > (?::xid8, ?) and q.xid < pg_snapshot_xmin(pg_current_snapshot()) "
                + "order by q.xid, q.id limit ?")) {
            ps.setString(1, mark.xid());
            ps.setLong(2, mark.id());
            ps.setInt(3, limit);
            List<Queued> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Queued(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)));
                }
            }
            return out;
        }
    }

    /** Removes taken rows of transactions before the mark's, in bulk, off the sequencer's path; returns how many. */
    static int pruneTaken(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "delete from ledger_queue where xid < (select xid from ledger_sequencer_mark)")) {
            return ps.executeUpdate();
        }
    }

    static PreparedStatement leafInsert(Connection c) throws SQLException {
        return c.prepareStatement("insert into ledger_leaf (seq, source, record_key, leaf_hash, sequenced_at) "
                + "values (?, ?, ?, ?, ?)");
    }

    static void addLeaf(PreparedStatement ps, long seq, String source, String key, byte[] hash, Instant at)
            throws SQLException {
        ps.setLong(1, seq);
        ps.setString(2, source);
        ps.setString(3, key);
        ps.setBytes(4, hash);
        ps.setTimestamp(5, Timestamp.from(at));
        ps.addBatch();
    }

    static PreparedStatement nodeInsert(Connection c) throws SQLException {
        return c.prepareStatement("insert into ledger_node (level, index, hash) values (?, ?, ?)");
    }

    static void addNode(PreparedStatement ps, int level, long index, byte[] hash) {
        try {
            ps.setInt(1, level);
            ps.setLong(2, index);
            ps.setBytes(3, hash);
            ps.addBatch();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean insertCheckpoint(Connection c, long size, byte[] root, String note, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into ledger_checkpoint (tree_size, root_hash, note, created_at) "
                + "values (?, ?, ?, ?) on conflict (tree_size) do nothing")) {
            ps.setLong(1, size);
            ps.setBytes(2, root);
            ps.setString(3, note);
            ps.setTimestamp(4, Timestamp.from(at));
            return ps.executeUpdate() == 1;
        }
    }
}
