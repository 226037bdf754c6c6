package org.consentledger.policy;

import java.util.ArrayList;
import java.util.List;

/**
 * The rows of a side-by-side diff from the lines a diff deleted and inserted: equal lines paired,
 * and in each changed run as many CHANGE rows as both sides have lines, then the rest of the
 * longer side as DELETE or INSERT rows, so a console shows the old line beside its replacement.
 */
final class DiffRows {

    private DiffRows() {
    }

    static List<PolicyDiff.Row> of(List<String> left, List<String> right, boolean[] deleted, boolean[] inserted) {
        List<PolicyDiff.Row> rows = new ArrayList<>(Math.max(left.size(), right.size()));
        int i = 0;
        int j = 0;
        while (i < deleted.length || j < inserted.length) {
            if (i < deleted.length && j < inserted.length && !deleted[i] && !inserted[j]) {
                rows.add(new PolicyDiff.Row(PolicyDiff.Tag.EQUAL, left.get(i++), right.get(j++)));
                continue;
            }
            int iEnd = i;
            while (iEnd < deleted.length && deleted[iEnd]) {
                iEnd++;
            }
            int jEnd = j;
            while (jEnd < inserted.length && inserted[jEnd]) {
                jEnd++;
            }
            for (; i < iEnd && j < jEnd; i++, j++) {
                rows.add(new PolicyDiff.Row(PolicyDiff.Tag.CHANGE, left.get(i), right.get(j)));
            }
            for (; i < iEnd; i++) {
                rows.add(new PolicyDiff.Row(PolicyDiff.Tag.DELETE, left.get(i), ""));
            }
            for (; j < jEnd; j++) {
                rows.add(new PolicyDiff.Row(PolicyDiff.Tag.INSERT, "", right.get(j)));
            }
        }
        return rows;
    }
}
