package org.consentledger.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.consentledger.verify.Merkle;
import org.consentledger.verify.NodeId;
import org.consentledger.verify.ProofNodes;

/**
 * Reads Merkle nodes: level 0 is ledger_leaf.leaf_hash, levels from {@link #LOWEST_STORED_LEVEL} up
 * are ledger_node, and the levels between are recomputed from the 2 to 8 leaves under each.
 * Those three levels would be 15 of every 16 node rows; a proof needs at most three of them.
 * Callers ask {@link ProofNodes} which nodes a root or proof needs and fetch them here in one
 * query, rather than one query per node. Plain JDBC: append-only tables with no entity.
 */
public final class LedgerNodes {

    /** The lowest level stored in ledger_node (V24); below it, nodes are hashed again from leaves. */
    public static final int LOWEST_STORED_LEVEL = 4;

    private static final String FETCH = "select 0, l.seq, l.leaf_hash from ledger_leaf l where l.seq = any(?) "
            + "union all select n.level, n.index, n.hash from ledger_node n "
            + "join unnest(?::int[], ?::bigint[]) as q(level, index) on n.level = q.level and n.index = q.index";

    private LedgerNodes() {
    }

    /** True when a completed node of this level is written to ledger_node. */
    static boolean stored(int level) {
        return level >= LOWEST_STORED_LEVEL;
    }

    /** The given nodes, fetched in one query, as a tree that serves only them. */
    public static Merkle.PerfectSubtrees fetch(Connection c, Collection<NodeId> ids) throws SQLException {
        Set<NodeId> wanted = new LinkedHashSet<>(ids);
        Map<NodeId, byte[]> found = new HashMap<>();
        if (!wanted.isEmpty()) {
            Set<Long> seqs = new LinkedHashSet<>();
            List<Integer> levels = new ArrayList<>();
            List<Long> indexes = new ArrayList<>();
            for (NodeId id : wanted) {
                if (stored(id.level())) {
                    levels.add(id.level());
                    indexes.add(id.index());
                } else {
                    long first = id.index() << id.level();
                    for (long seq = first; seq < first + (1L << id.level()); seq++) {
                        seqs.add(seq);
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement(FETCH)) {
                ps.setArray(1, c.createArrayOf("bigint", seqs.toArray()));
                ps.setArray(2, c.createArrayOf("int4", levels.toArray()));
                ps.setArray(3, c.createArrayOf("bigint", indexes.toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        found.put(new NodeId(rs.getInt(1), rs.getLong(2)), rs.getBytes(3));
                    }
                }
            }
            for (NodeId id : wanted) {
                if (id.level() > 0 && !stored(id.level())) {
                    hashFromLeaves(id, found);
                }
            }
        }
        wanted.removeAll(found.keySet());
        if (!wanted.isEmpty()) {
            NodeId missing = wanted.iterator().next();
            throw new IllegalStateException("Missing ledger node " + missing.level() + "/" + missing.index());
        }
        return ProofNodes.fetched(found);
    }

    /** Puts the node's hash into {@code found} from its two children, once every leaf under it is there. */
    private static void hashFromLeaves(NodeId id, Map<NodeId, byte[]> found) {
        if (id.level() == 0 || found.containsKey(id)) {
            return;
        }
        NodeId left = new NodeId(id.level() - 1, id.index() * 2);
        NodeId right = new NodeId(id.level() - 1, id.index() * 2 + 1);
        hashFromLeaves(left, found);
        hashFromLeaves(right, found);
        if (found.containsKey(left) && found.containsKey(right)) {
            found.put(id, Merkle.nodeHash(found.get(left), found.get(right)));
        }
    }
}
