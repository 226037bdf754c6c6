package org.consentledger.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads ledger_checkpoint on a connection the caller owns. Plain JDBC: an append-only table with no
 * entity. Each note is read with the witnesses' cosignature lines appended, in the same query: a
 * signed note may carry any number of signatures, and the log's own still verifies.
 */
public final class LedgerCheckpoints {

    private LedgerCheckpoints() {
    }

    public static Optional<StoredCheckpoint> latest(Connection c) throws SQLException {
        return checkpoints(c, "order by tree_size desc limit 1").stream().findFirst();
    }

    /** The latest checkpoint that at least {@code quorum} witnesses have cosigned: the one the service hands out. */
    public static Optional<StoredCheckpoint> latest(Connection c, int quorum) throws SQLException {
        return quorum == 0 ? latest(c) : checkpoints(c, "where " + LedgerCosignatures.COUNT_OF_CHECKPOINT + " >= "
                + quorum + " order by tree_size desc limit 1").stream().findFirst();
    }

    public static Optional<StoredCheckpoint> ofSize(Connection c, long size) throws SQLException {
        return checkpoints(c, "where tree_size = " + size).stream().findFirst();
    }

    /** Up to {@code limit} checkpoints from tree size {@code fromSize} up, oldest first. */
    public static List<StoredCheckpoint> from(Connection c, long fromSize, int limit) throws SQLException {
        return checkpoints(c, "where tree_size >= " + fromSize + " order by tree_size limit " + limit);
    }

    private static List<StoredCheckpoint> checkpoints(Connection c, String tail) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select c.tree_size, c.root_hash, c.note || "
                + LedgerCosignatures.LINES_OF_CHECKPOINT + ", c.created_at from ledger_checkpoint c " + tail);
                ResultSet rs = ps.executeQuery()) {
            List<StoredCheckpoint> out = new ArrayList<>();
            while (rs.next()) {
                out.add(new StoredCheckpoint(rs.getLong(1), rs.getBytes(2), rs.getString(3),
                        rs.getTimestamp(4).toInstant()));
            }
            return out;
        }
    }
}
