package org.consentledger.policy;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * A shortest line diff in linear space: Myers' O(ND) algorithm ("An O(ND) Difference Algorithm and
 * Its Variations", 1986), finding the middle of an edit path from both ends and dividing there. It
 * asks {@code stop} before every step of the edit distance, so a caller can end it at a deadline or
 * when nobody waits for the answer any more; the work between two questions is linear in the lines.
 */
final class LineDiff {

    /** Thrown when {@code stop} answered true: the diff was given up, nothing is returned. */
    static final class Stopped extends RuntimeException {
        Stopped() {
            super("diff stopped", null, false, false);
        }
    }

    private static final int NO_FORWARD = Integer.MIN_VALUE / 2;
    private static final int NO_BACKWARD = Integer.MAX_VALUE / 2;

    /** The shared lines of each side as ids (equal lines, equal ids), and where each stands in its side. */
    private final int[] a;
    private final int[] b;
    private final int[] aPosition;
    private final int[] bPosition;
    private final boolean[] deleted;
    private final boolean[] inserted;
    private final BooleanSupplier stop;
    /** Furthest x on each diagonal k = x - y, from the start and from the end; index k + offset. */
    private final int[] forward;
    private final int[] backward;
    private final int offset;

    private LineDiff(int[] left, int[] right, int ids, BooleanSupplier stop) {
        deleted = new boolean[left.length];
        inserted = new boolean[right.length];
        // A line found on one side only is changed in any diff: the search sees the shared lines alone,
        // so versions with little in common cost little.
        aPosition = shared(left, right, ids, deleted);
        bPosition = shared(right, left, ids, inserted);
        a = idsAt(left, aPosition);
        b = idsAt(right, bPosition);
        this.stop = stop;
        offset = 2 * (a.length + b.length) + 3;
        forward = new int[2 * offset + 1];
        backward = new int[2 * offset + 1];
    }

    /** The rows of a side-by-side diff: equal lines paired, and in each changed run deletions beside insertions. */
    static List<PolicyDiff.Row> rows(List<String> left, List<String> right, BooleanSupplier stop) {
        Map<String, Integer> ids = new HashMap<>();
        int[] leftIds = ids(left, ids);
        int[] rightIds = ids(right, ids);
        LineDiff diff = new LineDiff(leftIds, rightIds, ids.size(), stop);
        diff.compare(0, diff.a.length, 0, diff.b.length);
        return DiffRows.of(left, right, diff.deleted, diff.inserted);
    }

    private static int[] ids(List<String> lines, Map<String, Integer> ids) {
        int[] out = new int[lines.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ids.computeIfAbsent(lines.get(i), line -> ids.size());
        }
        return out;
    }

    /** The positions of the lines of {@code side} that {@code other} has too; the others are marked changed. */
    private static int[] shared(int[] side, int[] other, int ids, boolean[] changed) {
        boolean[] inOther = new boolean[ids];
        for (int id : other) {
            inOther[id] = true;
        }
        int[] positions = new int[side.length];
        int count = 0;
        for (int i = 0; i < side.length; i++) {
            if (inOther[side[i]]) {
                positions[count++] = i;
            } else {
                changed[i] = true;
            }
        }
        return Arrays.copyOf(positions, count);
    }

    private static int[] idsAt(int[] side, int[] positions) {
        int[] out = new int[positions.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = side[positions[i]];
        }
        return out;
    }

    /** Marks the lines of a[aLo, aHi) and b[bLo, bHi) outside one longest common subsequence. */
    private void compare(int aLo, int aHi, int bLo, int bHi) {
        while (aLo < aHi && bLo < bHi && a[aLo] == b[bLo]) {
            aLo++;
            bLo++;
        }
        while (aLo < aHi && bLo < bHi && a[aHi - 1] == b[bHi - 1]) {
            aHi--;
            bHi--;
        }
        if (aLo == aHi || bLo == bHi) {
            for (int i = aLo; i < aHi; i++) {
                deleted[aPosition[i]] = true;
            }
            for (int j = bLo; j < bHi; j++) {
                inserted[bPosition[j]] = true;
            }
            return;
        }
        // Both ends differ now, so the middle lies strictly inside and each half costs less.
        long middle = middle(aLo, aHi, bLo, bHi);
        int x = (int) (middle >>> 32);
        int y = (int) middle;
        compare(aLo, x, bLo, y);
        compare(x, aHi, y, bHi);
    }

    /**
     * A point (x, y) on a shortest edit path of the two ranges, where the furthest paths from the
     * start and from the end meet, packed as x in the high and y in the low 32 bits. A diagonal no
     * path reaches yet holds a value beyond the range (below aLo forward, above aHi backward).
     */
    private long middle(int aLo, int aHi, int bLo, int bHi) {
        int[] fwd = forward;
        int[] bwd = backward;
        int[] a = this.a;
        int[] b = this.b;
        int forwardStart = aLo - bLo;
        int backwardStart = aHi - bHi;
        boolean odd = ((forwardStart - backwardStart) & 1) != 0;
        fwd[forwardStart + offset] = aLo;
        bwd[backwardStart + offset] = aHi;
        for (int d = 1;; d++) {
            if (stop.getAsBoolean()) {
                throw new Stopped();
            }
            int lo = forwardStart - d;
            int hi = forwardStart + d;
            fwd[lo - 1 + offset] = NO_FORWARD;
            fwd[hi + 1 + offset] = NO_FORWARD;
            for (int k = lo; k <= hi; k += 2) {
                int i = k + offset;
                int left = fwd[i - 1];
                int above = fwd[i + 1];
                int x = left < aHi ? left + 1 : NO_FORWARD; // one line deleted
                if (above > x && above - k <= bHi) {
                    x = above; // one line inserted
                }
                if (x >= aLo) {
                    int y = x - k;
                    while (x < aHi && y < bHi && a[x] == b[y]) {
                        x++;
                        y++;
                    }
                    if (odd && k - backwardStart < d && backwardStart - k < d && bwd[i] <= x) {
                        return ((long) x << 32) | y;
                    }
                }
                fwd[i] = x;
            }
            lo = backwardStart - d;
            hi = backwardStart + d;
            bwd[lo - 1 + offset] = NO_BACKWARD;
            bwd[hi + 1 + offset] = NO_BACKWARD;
            for (int k = lo; k <= hi; k += 2) {
                int i = k + offset;
                int right = bwd[i + 1];
                int below = bwd[i - 1];
                int x = right > aLo ? right - 1 : NO_BACKWARD; // one line deleted, seen from the end
                if (below < x && below - k >= bLo) {
                    x = below; // one line inserted, seen from the end
                }
                if (x <= aHi) {
                    int y = x - k;
                    while (x > aLo && y > bLo && a[x - 1] == b[y - 1]) {
                        x--;
                        y--;
                    }
                    if (!odd && k - forwardStart <= d && forwardStart - k <= d && x <= fwd[i]) {
                        return ((long) x << 32) | y;
                    }
                }
                bwd[i] = x;
            }
        }
    }
}
