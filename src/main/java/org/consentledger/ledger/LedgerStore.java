package org.consentledger.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.consentledger.common.IndexOrder;

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
        // Through the index from the mark, stopping at the limit, whatever the plan's age: a plan made
        // while the queue was empty scanned and sorted the whole queue, taken rows not yet pruned
        // included, for every batch after (seen with auto_explain). Only for this statement: the
        // one-row mark, read through its index, walks every dead version of the row.
        return IndexOrder.read(c, connection -> readQueue(connection, mark, limit));
    }

    private static List<Queued> readQueue(Connection c, Mark mark, int limit) throws SQLException {
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

    /** Records queued but not yet leaves, as the span of the queue's ids (an upper bound: rolled-back inserts leave gaps). */
    static long queueSpan(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select coalesce(max(id) - min(id) + 1, 0) from ledger_queue");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The leaves and completed nodes of one batch, appended with one statement each rather than one per row. */
    static final class Appends {

        private final List<Long> leafSeqs = new ArrayList<>();
        private final List<String> leafSources = new ArrayList<>();
        private final List<String> leafKeys = new ArrayList<>();
        private final List<byte[]> leafHashes = new ArrayList<>();
        private final List<Integer> nodeLevels = new ArrayList<>();
        private final List<Long> nodeIndexes = new ArrayList<>();
        private final List<byte[]> nodeHashes = new ArrayList<>();

        void leaf(long seq, String source, String key, byte[] hash) {
            leafSeqs.add(seq);
            leafSources.add(source);
            leafKeys.add(key);
            leafHashes.add(hash);
        }

        /** Nodes below {@link LedgerNodes#LOWEST_STORED_LEVEL} are not kept: they are hashed again from leaves. */
        void node(int level, long index, byte[] hash) {
            if (!LedgerNodes.stored(level)) {
                return;
            }
            nodeLevels.add(level);
            nodeIndexes.add(index);
            nodeHashes.add(hash);
        }

        void insert(Connection c, Instant sequencedAt) throws SQLException {
            if (!leafSeqs.isEmpty()) {
                try (PreparedStatement ps = c.prepareStatement("insert into ledger_leaf (seq, source, record_key, leaf_hash, "
                        + "sequenced_at) select u.seq, u.source, u.record_key, u.leaf_hash, ? "
                        + "from unnest(?::bigint[], ?::text[], ?::text[], ?::bytea[]) as u(seq, source, record_key, leaf_hash)")) {
                    ps.setTimestamp(1, Timestamp.from(sequencedAt));
                    ps.setArray(2, c.createArrayOf("int8", leafSeqs.toArray()));
                    ps.setArray(3, c.createArrayOf("text", leafSources.toArray()));
                    ps.setArray(4, c.createArrayOf("text", leafKeys.toArray()));
                    ps.setArray(5, c.createArrayOf("bytea", leafHashes.toArray(byte[][]::new)));
                    ps.executeUpdate();
                }
            }
            if (!nodeLevels.isEmpty()) {
                try (PreparedStatement ps = c.prepareStatement("insert into ledger_node (level, index, hash) "
                        + "select * from unnest(?::integer[], ?::bigint[], ?::bytea[])")) {
                    ps.setArray(1, c.createArrayOf("int4", nodeLevels.toArray()));
                    ps.setArray(2, c.createArrayOf("int8", nodeIndexes.toArray()));
                    ps.setArray(3, c.createArrayOf("bytea", nodeHashes.toArray(byte[][]::new)));
                    ps.executeUpdate();
                }
            }
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
