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
 * Reads stored Merkle nodes: level 0 is ledger_leaf.leaf_hash, higher levels are ledger_node.
 * Callers ask {@link ProofNodes} which nodes a root or proof needs and fetch them here in one
 * query, rather than one query per node. Plain JDBC: append-only tables with no entity.
 */
public final class LedgerNodes {

    private static final String FETCH = "select 0, l.seq, l.leaf_hash from ledger_leaf l where l.seq = any(?) "
            + "union all select n.level, n.index, n.hash from ledger_node n "
            + "join unnest(?::int[], ?::bigint[]) as q(level, index) on n.level = q.level and n.index = q.index";

    private LedgerNodes() {
    }

    /** The given nodes, fetched in one query, as a tree that serves only them. */
    public static Merkle.PerfectSubtrees fetch(Connection c, Collection<NodeId> ids) throws SQLException {
        Set<NodeId> wanted = new LinkedHashSet<>(ids);
        Map<NodeId, byte[]> found = new HashMap<>();
        if (!wanted.isEmpty()) {
            List<Long> seqs = new ArrayList<>();
            List<Integer> levels = new ArrayList<>();
            List<Long> indexes = new ArrayList<>();
            for (NodeId id : wanted) {
                if (id.level() == 0) {
                    seqs.add(id.index());
                } else {
                    levels.add(id.level());
                    indexes.add(id.index());
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
        }
        wanted.removeAll(found.keySet());
        if (!wanted.isEmpty()) {
            NodeId missing = wanted.iterator().next();
            throw new IllegalStateException("Missing ledger node " + missing.level() + "/" + missing.index());
        }
        return ProofNodes.fetched(found);
    }
}
