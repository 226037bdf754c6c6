package org.consentledger.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Which perfect subtrees {@link Merkle} reads for a root or a proof, worked out without reading
 * any, so storage can fetch them all in one batch and the proof is then computed in memory (the
 * way transparency-dev/merkle's proof package returns node ids). Each method walks the same
 * recursion as its counterpart in Merkle, in the same order.
 */
public final class ProofNodes {

    private ProofNodes() {
    }

    /** The nodes {@link Merkle#root(Merkle.PerfectSubtrees, long)} reads: the tree's right edge. */
    public static List<NodeId> root(long size) {
        List<NodeId> out = new ArrayList<>();
        subtree(0, size, out);
        return out;
    }

    /** The nodes {@link Merkle#inclusionProof} reads for leaf m in a tree of n leaves. */
    public static List<NodeId> inclusion(long m, long n) {
        if (m < 0 || m >= n) {
            throw new IllegalArgumentException("leaf " + m + " is not in a tree of size " + n);
        }
        List<NodeId> out = new ArrayList<>();
        path(m, 0, n, out);
        return out;
    }

    /** The nodes {@link Merkle#consistencyProof} reads to prove size m a prefix of size n. */
    public static List<NodeId> consistency(long m, long n) {
        if (m < 0 || m > n) {
            throw new IllegalArgumentException("cannot prove size " + m + " consistent with size " + n);
        }
        List<NodeId> out = new ArrayList<>();
        if (m > 0 && m < n) {
            subproof(m, 0, n, true, out);
        }
        return out;
    }

    /** Perfect subtrees served from fetched hashes; asking for one that was not fetched is a bug. */
    public static Merkle.PerfectSubtrees fetched(Map<NodeId, byte[]> hashes) {
        return (level, index) -> {
            byte[] hash = hashes.get(new NodeId(level, index));
            if (hash == null) {
                throw new IllegalStateException("Merkle node " + level + "/" + index + " was not fetched");
            }
            return hash;
        };
    }

    private static void subtree(long start, long size, List<NodeId> out) {
        if (size == 0) {
            return;
        }
        if (Long.bitCount(size) == 1 && start % size == 0) {
            out.add(new NodeId(Long.numberOfTrailingZeros(size), start / size));
            return;
        }
        long k = Merkle.largestPowerOfTwoBelow(size);
        subtree(start, k, out);
        subtree(start + k, size - k, out);
    }

    private static void path(long m, long start, long n, List<NodeId> out) {
        if (n == 1) {
            return;
        }
        long k = Merkle.largestPowerOfTwoBelow(n);
        if (m < k) {
            path(m, start, k, out);
            subtree(start + k, n - k, out);
        } else {
            path(m - k, start + k, n - k, out);
            subtree(start, k, out);
        }
    }

    private static void subproof(long m, long start, long n, boolean complete, List<NodeId> out) {
        if (m == n) {
            if (!complete) {
                subtree(start, n, out);
            }
            return;
        }
        long k = Merkle.largestPowerOfTwoBelow(n);
        if (m <= k) {
            subproof(m, start, k, complete, out);
            subtree(start + k, n - k, out);
        } else {
            subproof(m - k, start + k, n - k, false, out);
            subtree(start, k, out);
        }
    }
}
