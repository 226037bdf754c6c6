package org.consentledger.ledger;

import java.util.ArrayList;
import java.util.List;

import org.consentledger.verify.Merkle;

/**
 * The right edge of the tree: the roots of the complete subtrees that make up a tree of the
 * current size (one per set bit of the size). Appending a leaf merges equal-sized subtrees, and
 * each merge is a new complete subtree to store.
 */
final class Frontier {

    interface NodeSink {
        void completed(int level, long index, byte[] hash);
    }

    private final List<Integer> levels = new ArrayList<>();
    private final List<byte[]> hashes = new ArrayList<>();
    private long size;

    static Frontier load(Merkle.PerfectSubtrees tree, long size) {
        Frontier frontier = new Frontier();
        long start = 0;
        for (int level = 63; level >= 0; level--) {
            long width = 1L << level;
            if ((size & width) != 0) {
                frontier.levels.add(level);
                frontier.hashes.add(tree.hash(level, start >> level));
                start += width;
            }
        }
        frontier.size = size;
        return frontier;
    }

    void append(byte[] leafHash, NodeSink sink) {
        int level = 0;
        byte[] hash = leafHash;
        long index = size;
        while (!levels.isEmpty() && levels.get(levels.size() - 1) == level) {
            byte[] left = hashes.remove(hashes.size() - 1);
            levels.remove(levels.size() - 1);
            hash = Merkle.nodeHash(left, hash);
            level++;
            index >>= 1;
            sink.completed(level, index, hash);
        }
        levels.add(level);
        hashes.add(hash);
        size++;
    }

    long size() {
        return size;
    }

    byte[] root() {
        if (hashes.isEmpty()) {
            return Merkle.emptyRoot();
        }
        byte[] root = hashes.get(hashes.size() - 1);
        for (int i = hashes.size() - 2; i >= 0; i--) {
            root = Merkle.nodeHash(hashes.get(i), root);
        }
        return root;
    }
}
