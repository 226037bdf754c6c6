package org.consentledger.ledger;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

import org.consentledger.verify.Merkle;
import org.junit.jupiter.api.Test;

/**
 * The frontier against the RFC 6962 definitions, for random tree sizes: after every appended
 * leaf, its root is the Merkle tree hash of the leaves so far, the nodes it reports are exactly
 * the perfect subtrees the leaf completed, and a frontier loaded from the stored nodes is the same
 * frontier. Random but repeatable: a failure names its seed, and -Dfrontier.seed=... replays it.
 */
class FrontierPropertyTest {

    /**
     * Each trial checks every size from 1 up to its own, so the sizes are covered by the largest
     * trials; more trials only vary the leaves and the reload points. 200 cost about a minute of
     * CPU on the C1-only test JVM.
     */
    private static final int TRIALS = 40;
    private static final int MAX_SIZE = 5000;

    private record Node(int level, long index, String hash) {
    }

    @Test
    void theFrontierAgreesWithTheMerkleTreeOfItsLeavesAfterEveryAppend() {
        long seed = Long.getLong("frontier.seed", 20261127L);
        Random random = new Random(seed);
        for (int trial = 0; trial < TRIALS; trial++) {
            int size = 1 + random.nextInt(MAX_SIZE);
            run(seed, trial, size, new Random(random.nextLong()));
        }
    }

    private static void run(long seed, int trial, int size, Random random) {
        List<byte[]> leaves = new ArrayList<>();
        Map<Node, byte[]> stored = new HashMap<>();
        Merkle.PerfectSubtrees storedTree = (level, index) -> level == 0 ? leaves.get((int) index)
                : storedNode(stored, level, index);
        Frontier frontier = Frontier.load(storedTree, 0);
        for (int step = 1; step <= size; step++) {
            int at = step;
            Supplier<String> where = () -> "seed " + seed + ", trial " + trial + " (size " + size + "), after leaf "
                    + at + ": ";
            byte[] leaf = new byte[32];
            random.nextBytes(leaf);
            leaves.add(leaf);

            List<Node> reported = new ArrayList<>();
            frontier.append(leaf, (level, index, hash) -> {
                reported.add(new Node(level, index, hex(hash)));
                stored.put(new Node(level, index, null), hash);
            });

            check(reported.equals(completedBy(leaves)), () -> where.get() + "reported " + reported + ", expected "
                    + completedBy(leaves));
            long frontierSize = frontier.size();
            check(frontierSize == step, () -> where.get() + "size " + frontierSize);
            byte[] root = frontier.root();
            check(Arrays.equals(root, Merkle.root(storedTree, step)), () -> where.get() + "root differs from the "
                    + "tree hash over the stored nodes");
            if (step < 128 || step % 61 == 0 || step == size) {
                check(Arrays.equals(root, Merkle.root(leaves)), () -> where.get() + "root differs from the tree hash "
                        + "of the leaves");
            }

            Frontier loaded = Frontier.load(storedTree, step);
            check(loaded.size() == step && Arrays.equals(loaded.root(), root),
                    () -> where.get() + "the frontier loaded from the stored nodes differs");
            if (random.nextInt(4) == 0) {
                frontier = loaded; // what it holds must carry on exactly as the original would
            }
        }
    }

    /** The perfect subtrees that the last leaf completes, smallest first, each hashed from its leaves. */
    private static List<Node> completedBy(List<byte[]> leaves) {
        List<Node> nodes = new ArrayList<>();
        long count = leaves.size();
        for (int level = 1; count % (1L << level) == 0; level++) {
            int width = 1 << level;
            int start = (int) count - width;
            nodes.add(new Node(level, start >> level, hex(Merkle.root(leaves.subList(start, start + width)))));
        }
        return nodes;
    }

    private static byte[] storedNode(Map<Node, byte[]> stored, int level, long index) {
        byte[] hash = stored.get(new Node(level, index, null));
        if (hash == null) {
            fail("asked for node (" + level + ", " + index + "), which was never reported as completed");
        }
        return hash;
    }

    private static void check(boolean holds, Supplier<String> failure) {
        if (!holds) {
            fail(failure.get());
        }
    }

    private static String hex(byte[] hash) {
        return HexFormat.of().formatHex(hash);
    }
}
