package org.consentledger.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.consentledger.common.ApiException;

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

    /**
     * The checkpoint the service hands out, as {@link #latest(Connection, int)}. Without one, a 404
     * that says what is true: nothing is signed yet, or signed checkpoints still wait for their
     * witnesses (how many, and how far the latest got), a state an operator must look into.
     */
    public static StoredCheckpoint published(Connection c, int quorum) throws SQLException {
        Optional<StoredCheckpoint> found = latest(c, quorum);
        if (found.isPresent()) {
            return found.get();
        }
        try (PreparedStatement ps = c.prepareStatement("select count(*), max(tree_size), (select count(*) from "
                + "ledger_cosignature where tree_size = (select max(tree_size) from ledger_checkpoint)) from ledger_checkpoint");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            long signed = rs.getLong(1);
            if (signed == 0) {
                throw ApiException.notFound("No checkpoint has been signed yet");
            }
            long cosignatures = rs.getLong(3);
            throw new ApiException(404, "checkpoint-not-witnessed", "No checkpoint has reached the witness quorum",
                    signed + (signed == 1 ? " checkpoint is" : " checkpoints are") + " signed, none has reached the "
                            + "witness quorum of " + quorum + " yet (the latest, of tree size " + rs.getLong(2) + ", has "
                            + cosignatures + (cosignatures == 1 ? " cosignature)" : " cosignatures)"), null);
        }
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
