package org.consentledger.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.consentledger.ledger.verify.Merkle;

/** The ledger's tables, in plain JDBC on a connection the caller owns. Nothing here updates or deletes a leaf. */
final class LedgerStore {

    /** Which record: its table and its key there. */
    record RecordRef(String source, String recordKey) {

        String id() {
            return source + ":" + recordKey;
        }
    }

    record Queued(long id, String source, String recordKey) {

        RecordRef ref() {
            return new RecordRef(source, recordKey);
        }
    }

    record Leaf(long seq, String source, String recordKey, byte[] hash) {

        RecordRef ref() {
            return new RecordRef(source, recordKey);
        }
    }

    record StoredCheckpoint(long treeSize, byte[] rootHash, String note, Instant createdAt) {
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

    static Set<String> alreadySequenced(Connection c, List<Queued> queued) throws SQLException {
        Set<String> out = new HashSet<>();
        // Pairs, so the lookup uses the (source, record_key) index instead of scanning every leaf.
        try (PreparedStatement ps = c.prepareStatement("select l.source || ':' || l.record_key from ledger_leaf l "
                + "join unnest(?::text[], ?::text[]) as q(source, record_key) "
                + "on l.source = q.source and l.record_key = q.record_key")) {
            ps.setArray(1, c.createArrayOf("text", queued.stream().map(Queued::source).toArray()));
            ps.setArray(2, c.createArrayOf("text", queued.stream().map(Queued::recordKey).toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    static void deleteQueued(Connection c, List<Queued> queued) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("delete from ledger_queue where id = any(?)")) {
            ps.setArray(1, c.createArrayOf("bigint", queued.stream().map(Queued::id).toArray()));
            ps.executeUpdate();
        }
    }

    static long size(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select coalesce(max(seq) + 1, 0) from ledger_leaf");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
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

    /** Complete subtrees read from the database; level 0 is the leaf hash itself. */
    static Merkle.PerfectSubtrees subtrees(Connection c) {
        return (level, index) -> {
            String sql = level == 0 ? "select leaf_hash from ledger_leaf where seq = ?"
                    : "select hash from ledger_node where level = ? and index = ?";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                if (level == 0) {
                    ps.setLong(1, index);
                } else {
                    ps.setInt(1, level);
                    ps.setLong(2, index);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new IllegalStateException("Missing ledger node " + level + "/" + index);
                    }
                    return rs.getBytes(1);
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        };
    }

    static Optional<Leaf> leafOf(Connection c, String source, String recordKey) throws SQLException {
        return leaves(c, "where source = ? and record_key = ?", source, recordKey).stream().findFirst();
    }

    static Optional<Leaf> leafAt(Connection c, long seq) throws SQLException {
        return leaves(c, "where seq = ?", seq).stream().findFirst();
    }

    static List<Leaf> leafRange(Connection c, long from, long to) throws SQLException {
        return leaves(c, "where seq >= ? and seq < ? order by seq", from, to);
    }

    private static List<Leaf> leaves(Connection c, String where, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select seq, source, record_key, leaf_hash from ledger_leaf " + where)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            List<Leaf> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Leaf(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBytes(4)));
                }
            }
            return out;
        }
    }

    static Optional<StoredCheckpoint> latestCheckpoint(Connection c) throws SQLException {
        return checkpoints(c, "order by tree_size desc limit 1").stream().findFirst();
    }

    static Optional<StoredCheckpoint> checkpointOfSize(Connection c, long size) throws SQLException {
        return checkpoints(c, "where tree_size = " + size).stream().findFirst();
    }

    static List<StoredCheckpoint> checkpointsFrom(Connection c, long fromSize, int limit) throws SQLException {
        return checkpoints(c, "where tree_size >= " + fromSize + " order by tree_size limit " + limit);
    }

    private static List<StoredCheckpoint> checkpoints(Connection c, String tail) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "select tree_size, root_hash, note, created_at from ledger_checkpoint " + tail);
                ResultSet rs = ps.executeQuery()) {
            List<StoredCheckpoint> out = new ArrayList<>();
            while (rs.next()) {
                out.add(new StoredCheckpoint(rs.getLong(1), rs.getBytes(2), rs.getString(3),
                        rs.getTimestamp(4).toInstant()));
            }
            return out;
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
