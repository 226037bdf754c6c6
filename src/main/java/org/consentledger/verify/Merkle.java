package org.consentledger.verify;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Merkle tree hashing, inclusion and consistency proofs exactly as RFC 6962 section 2.1 (and
 * RFC 9162 section 2.1) define them: SHA-256, 0x00 before leaf data, 0x01 before two child
 * hashes, and the tree split at the largest power of two smaller than its size.
 */
public final class Merkle {

    /** The hashes of complete, aligned subtrees: level 0 is a leaf, level k covers 2^k leaves. */
    public interface PerfectSubtrees {
        byte[] hash(int level, long index);
    }

    private Merkle() {
    }

    public static byte[] leafHash(byte[] leafData) {
        MessageDigest sha = sha256();
        sha.update((byte) 0x00);
        return sha.digest(leafData);
    }

    public static byte[] nodeHash(byte[] left, byte[] right) {
        MessageDigest sha = sha256();
        sha.update((byte) 0x01);
        sha.update(left);
        return sha.digest(right);
    }

    public static byte[] emptyRoot() {
        return sha256().digest();
    }

    /** MTH(D[start : start + size]) from stored perfect subtrees. */
    public static byte[] subtree(PerfectSubtrees tree, long start, long size) {
        if (size == 0) {
            return emptyRoot();
        }
        if (Long.bitCount(size) == 1 && start % size == 0) {
            return tree.hash(Long.numberOfTrailingZeros(size), start / size);
        }
        long k = largestPowerOfTwoBelow(size);
        return nodeHash(subtree(tree, start, k), subtree(tree, start + k, size - k));
    }

    public static byte[] root(PerfectSubtrees tree, long size) {
        return subtree(tree, 0, size);
    }

    /** The root over a list of leaf hashes held in memory. */
    public static byte[] root(List<byte[]> leafHashes) {
        return root(inMemory(leafHashes), leafHashes.size());
    }

    /** PATH(m, D[n]) of RFC 6962 2.1.1: the audit path for leaf m in a tree of n leaves. */
    public static List<byte[]> inclusionProof(PerfectSubtrees tree, long m, long n) {
        if (m < 0 || m >= n) {
            throw new IllegalArgumentException("leaf " + m + " is not in a tree of size " + n);
        }
        List<byte[]> proof = new ArrayList<>();
        path(tree, m, 0, n, proof);
        return proof;
    }

    private static void path(PerfectSubtrees tree, long m, long start, long n, List<byte[]> proof) {
        if (n == 1) {
            return;
        }
        long k = largestPowerOfTwoBelow(n);
        if (m < k) {
            path(tree, m, start, k, proof);
            proof.add(subtree(tree, start + k, n - k));
        } else {
            path(tree, m - k, start + k, n - k, proof);
            proof.add(subtree(tree, start, k));
        }
    }

    /** PROOF(m, D[n]) of RFC 6962 2.1.2: proves the tree of size m is a prefix of the one of size n. */
    public static List<byte[]> consistencyProof(PerfectSubtrees tree, long m, long n) {
        if (m < 0 || m > n) {
            throw new IllegalArgumentException("cannot prove size " + m + " consistent with size " + n);
        }
        List<byte[]> proof = new ArrayList<>();
        if (m > 0 && m < n) {
            subproof(tree, m, 0, n, true, proof);
        }
        return proof;
    }

    private static void subproof(PerfectSubtrees tree, long m, long start, long n, boolean complete, List<byte[]> proof) {
        if (m == n) {
            if (!complete) {
                proof.add(subtree(tree, start, n));
            }
            return;
        }
        long k = largestPowerOfTwoBelow(n);
        if (m <= k) {
            subproof(tree, m, start, k, complete, proof);
            proof.add(subtree(tree, start + k, n - k));
        } else {
            subproof(tree, m - k, start + k, n - k, false, proof);
            proof.add(subtree(tree, start, k));
        }
    }

    /** RFC 9162 2.1.3.2: does {@code proof} lead from leaf {@code index} to {@code root}? */
    public static boolean verifyInclusion(byte[] leafHash, long index, long treeSize, List<byte[]> proof, byte[] root) {
        byte[] reached = rootFromInclusion(leafHash, index, treeSize, proof);
        return reached != null && Arrays.equals(reached, root);
    }

    /**
     * The root that {@code proof} leads to from leaf {@code index} of a tree of {@code treeSize}
     * (RFC 9162 2.1.3.2), or null when the proof has the wrong length for that position.
     */
    public static byte[] rootFromInclusion(byte[] leafHash, long index, long treeSize, List<byte[]> proof) {
        if (index < 0 || index >= treeSize) {
            return null;
        }
        long fn = index;
        long sn = treeSize - 1;
        byte[] r = leafHash;
        for (byte[] p : proof) {
            if (sn == 0) {
                return null;
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = nodeHash(p, r);
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            } else {
                r = nodeHash(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 ? r : null;
    }

    /** RFC 9162 2.1.4.2: is the tree (size1, root1) a prefix of the tree (size2, root2)? */
    public static boolean verifyConsistency(long size1, long size2, byte[] root1, byte[] root2, List<byte[]> proof) {
        if (size1 < 0 || size2 < size1) {
            return false;
        }
        if (size1 == size2) {
            return proof.isEmpty() && Arrays.equals(root1, root2);
        }
        if (size1 == 0) {
            return proof.isEmpty();
        }
        if (proof.isEmpty()) {
            return false;
        }
        List<byte[]> path = new ArrayList<>(proof);
        if (Long.bitCount(size1) == 1) {
            path.add(0, root1);
        }
        long fn = size1 - 1;
        long sn = size2 - 1;
        while ((fn & 1) == 1) {
            fn >>= 1;
            sn >>= 1;
        }
        byte[] fr = path.get(0);
        byte[] sr = path.get(0);
        for (byte[] c : path.subList(1, path.size())) {
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                fr = nodeHash(c, fr);
                sr = nodeHash(c, sr);
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            } else {
                sr = nodeHash(sr, c);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && Arrays.equals(fr, root1) && Arrays.equals(sr, root2);
    }

    /** Perfect subtrees computed from leaf hashes held in memory, memoised level by level. */
    public static PerfectSubtrees inMemory(List<byte[]> leafHashes) {
        List<List<byte[]>> levels = new ArrayList<>();
        levels.add(leafHashes);
        return (level, index) -> {
            while (levels.size() <= level) {
                List<byte[]> below = levels.get(levels.size() - 1);
                List<byte[]> above = new ArrayList<>(below.size() / 2);
                for (int i = 0; i + 1 < below.size(); i += 2) {
                    above.add(nodeHash(below.get(i), below.get(i + 1)));
                }
                levels.add(above);
            }
            return levels.get(level).get((int) index);
        };
    }

    static long largestPowerOfTwoBelow(long n) {
        return Long.highestOneBit(n - 1);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
