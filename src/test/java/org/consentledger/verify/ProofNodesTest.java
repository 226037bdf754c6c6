package org.consentledger.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

/**
 * The node ids worked out for a batch fetch are exactly the nodes the recursive proof code reads,
 * and proofs computed from only those nodes equal proofs from the whole tree in memory.
 */
class ProofNodesTest {

    private static final int MAX = 64;
    private final List<byte[]> leaves = leaves(MAX);
    private final Merkle.PerfectSubtrees memory = Merkle.inMemory(leaves);

    @Test
    void inclusionNeedsExactlyTheNodesTheAuditPathReads() {
        for (long n = 1; n <= MAX; n++) {
            for (long m = 0; m < n; m++) {
                long leaf = m, size = n;
                List<NodeId> ids = ProofNodes.inclusion(leaf, size);
                assertThat(ids).as("inclusion of %d in %d", m, n)
                        .containsExactlyElementsOf(read(tree -> Merkle.inclusionProof(tree, leaf, size)));
                assertThat(Merkle.inclusionProof(fetch(ids), m, n)).as("inclusion of %d in %d", m, n)
                        .containsExactlyElementsOf(Merkle.inclusionProof(memory, m, n));
            }
        }
    }

    @Test
    void consistencyNeedsExactlyTheNodesTheProofReads() {
        for (long n = 1; n <= MAX; n++) {
            for (long m = 0; m <= n; m++) {
                long older = m, newer = n;
                List<NodeId> ids = ProofNodes.consistency(older, newer);
                assertThat(ids).as("consistency of %d with %d", m, n)
                        .containsExactlyElementsOf(read(tree -> Merkle.consistencyProof(tree, older, newer)));
                assertThat(Merkle.consistencyProof(fetch(ids), m, n)).as("consistency of %d with %d", m, n)
                        .containsExactlyElementsOf(Merkle.consistencyProof(memory, m, n));
            }
        }
    }

    @Test
    void theRootNeedsExactlyTheRightEdgeOfTheTree() {
        for (long n = 0; n <= MAX; n++) {
            long size = n;
            List<NodeId> ids = ProofNodes.root(size);
            assertThat(ids).as("root of %d", n).containsExactlyElementsOf(read(tree -> Merkle.root(tree, size)));
            assertThat(ids).as("one node per set bit of %d", n).hasSize(Long.bitCount(n));
            assertThat(Merkle.root(fetch(ids), n)).isEqualTo(Merkle.root(leaves.subList(0, (int) n)));
        }
    }

    @Test
    void aNodeThatWasNotFetchedIsAnErrorNotAWrongProof() {
        Merkle.PerfectSubtrees partial = fetch(ProofNodes.inclusion(0, 8).subList(0, 2));
        assertThatThrownBy(() -> Merkle.inclusionProof(partial, 0, 8)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> ProofNodes.inclusion(8, 8)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ProofNodes.consistency(9, 8)).isInstanceOf(IllegalArgumentException.class);
    }

    /** The nodes a computation reads, in the order it reads them. */
    private List<NodeId> read(Function<Merkle.PerfectSubtrees, ?> computation) {
        List<NodeId> read = new ArrayList<>();
        computation.apply((level, index) -> {
            read.add(new NodeId(level, index));
            return memory.hash(level, index);
        });
        return read;
    }

    private Merkle.PerfectSubtrees fetch(List<NodeId> ids) {
        Map<NodeId, byte[]> fetched = new HashMap<>();
        ids.forEach(id -> fetched.put(id, memory.hash(id.level(), id.index())));
        return ProofNodes.fetched(fetched);
    }

    private static List<byte[]> leaves(int count) {
        Random random = new Random(7);
        List<byte[]> leaves = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] data = new byte[1 + random.nextInt(20)];
            random.nextBytes(data);
            leaves.add(Merkle.leafHash(data));
        }
        return leaves;
    }
}
