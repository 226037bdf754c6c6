package org.consentledger.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * Owns ledger_cosignature: witnesses' cosignature lines, per checkpoint tree size and witness
 * key name. Plain JDBC on the caller's connection, like the other append-only ledger tables.
 */
public final class LedgerCosignatures {

    /** Counts the cosignatures of checkpoint {@code c}, for choosing which checkpoint to publish. */
    static final String COUNT_OF_CHECKPOINT = "(select count(*) from ledger_cosignature s where s.tree_size = c.tree_size)";

    /** The lines of checkpoint {@code c}, each ending in a newline, to append to its signed note. */
    static final String LINES_OF_CHECKPOINT = "coalesce((select string_agg(s.signature_line || E'\\n', '' "
            + "order by s.witness_key_name) from ledger_cosignature s where s.tree_size = c.tree_size), '')";

    private LedgerCosignatures() {
    }

    /** Keeps a witness's line (without its newline); a second one for the same checkpoint and witness is ignored. */
    public static boolean insert(Connection c, long treeSize, String witnessKeyName, String signatureLine, Instant at)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into ledger_cosignature (tree_size, witness_key_name, "
                + "signature_line, received_at) values (?, ?, ?, ?) on conflict do nothing")) {
            ps.setLong(1, treeSize);
            ps.setString(2, witnessKeyName);
            ps.setString(3, signatureLine);
            ps.setTimestamp(4, Timestamp.from(at));
            return ps.executeUpdate() == 1;
        }
    }

    /** The largest tree size the witness has cosigned here, or 0. */
    public static long lastSize(Connection c, String witnessKeyName) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "select coalesce(max(tree_size), 0) from ledger_cosignature where witness_key_name = ?")) {
            ps.setString(1, witnessKeyName);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
