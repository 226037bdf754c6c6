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
 * The ledger's writes, in plain JDBC on the sequencer's or checkpointer's connection: the queue
 * is drained and leaves appended inside one transaction under the sequencer's advisory lock,
 * which an entity manager would not share. Nothing here updates or deletes a leaf.
 */
final class LedgerStore {

    record Queued(long id, String source, String recordKey) {

        RecordRef ref() {
            return new RecordRef(source, recordKey);
        }
    }

    private LedgerStore() {
    }

    static List<Queued> queued(Connection c, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select id, source, record_key from ledger_queue order by id limit ?")) {
            ps.setInt(1, limit);
            List<Queued> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Queued(rs.getLong(1), rs.getString(2), rs.getString(3)));
                }
            }
            return out;
        }
    }

    static void deleteQueued(Connection c, List<Queued> queued) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("delete from ledger_queue where id = any(?)")) {
            ps.setArray(1, c.createArrayOf("bigint", queued.stream().map(Queued::id).toArray()));
            ps.executeUpdate();
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
