package org.consentledger.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.consentledger.common.FreshPlans;

/**
 * Reads ledger_leaf on a connection the caller owns. Plain JDBC: the table is append-only, has no
 * entity, and is read in the same connection as the nodes a proof needs.
 */
public final class LedgerLeaves {

    private static final String SELECT = "select l.seq, l.source, l.record_key, l.leaf_hash from ledger_leaf l ";

    private LedgerLeaves() {
    }

    /** How many leaves the tree has: sequence numbers have no gaps. */
    public static long size(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select coalesce(max(seq) + 1, 0) from ledger_leaf");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    public static Optional<Leaf> at(Connection c, long seq) throws SQLException {
        return leaves(c, "where l.seq = ?", seq).stream().findFirst();
    }

    public static Optional<Leaf> of(Connection c, RecordRef ref) throws SQLException {
        return leaves(c, "where l.source = ? and l.record_key = ?", ref.source(), ref.recordKey()).stream().findFirst();
    }

    /** The leaves of those records that have one, in one query. */
    public static Map<RecordRef, Leaf> ofAll(Connection c, Collection<RecordRef> refs) throws SQLException {
        Map<RecordRef, Leaf> out = new HashMap<>();
        if (refs.isEmpty()) {
            return out;
        }
        // Pairs, so the lookup uses the (source, record_key) index instead of scanning every leaf.
        try (PreparedStatement ps = FreshPlans.prepare(c, SELECT + "join unnest(?::text[], ?::text[]) as q(source, record_key) "
                + "on l.source = q.source and l.record_key = q.record_key")) {
            ps.setArray(1, c.createArrayOf("text", refs.stream().map(RecordRef::source).toArray()));
            ps.setArray(2, c.createArrayOf("text", refs.stream().map(RecordRef::recordKey).toArray()));
            read(ps).forEach(leaf -> out.put(leaf.ref(), leaf));
        }
        return out;
    }

    /** Leaves from seq {@code from} (inclusive) to {@code to} (exclusive), in order. */
    public static List<Leaf> range(Connection c, long from, long to) throws SQLException {
        return leaves(c, "where l.seq >= ? and l.seq < ? order by l.seq", from, to);
    }

    private static List<Leaf> leaves(Connection c, String where, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SELECT + where)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            return read(ps);
        }
    }

    private static List<Leaf> read(PreparedStatement ps) throws SQLException {
        List<Leaf> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Leaf(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBytes(4)));
            }
        }
        return out;
    }
}
