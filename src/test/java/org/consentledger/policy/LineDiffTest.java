package org.consentledger.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;

import org.consentledger.policy.PolicyDiff.Row;
import org.consentledger.policy.PolicyDiff.Tag;
import org.junit.jupiter.api.Test;

class LineDiffTest {

    private static final BooleanSupplier NEVER = () -> false;

    @Test
    void emptyTextsHaveNoRowsAndAgainstAnEmptyTextEveryLineIsInsertedOrDeleted() {
        assertThat(LineDiff.rows(List.of(), List.of(), NEVER)).isEmpty();
        assertThat(LineDiff.rows(List.of(), List.of("a", "b"), NEVER))
                .containsExactly(new Row(Tag.INSERT, "", "a"), new Row(Tag.INSERT, "", "b"));
        assertThat(LineDiff.rows(List.of("a", "b"), List.of(), NEVER))
                .containsExactly(new Row(Tag.DELETE, "a", ""), new Row(Tag.DELETE, "b", ""));
    }

    @Test
    void identicalTextsAreEqualLineByLine() {
        List<String> text = List.of("a", "b", "a", "");
        assertThat(LineDiff.rows(text, text, NEVER)).extracting(Row::tag).containsOnly(Tag.EQUAL).hasSize(4);
    }

    @Test
    void oneChangedLineIsOneChangeRowBetweenEqualOnes() {
        assertThat(LineDiff.rows(List.of("a", "b", "c"), List.of("a", "B", "c"), NEVER)).containsExactly(
                new Row(Tag.EQUAL, "a", "a"), new Row(Tag.CHANGE, "b", "B"), new Row(Tag.EQUAL, "c", "c"));
    }

    @Test
    void aChangedRunPairsItsLinesThenListsTheRestOfTheLongerSide() {
        assertThat(LineDiff.rows(List.of("a", "b", "c", "d"), List.of("a", "x", "y", "z", "d"), NEVER)).containsExactly(
                new Row(Tag.EQUAL, "a", "a"), new Row(Tag.CHANGE, "b", "x"), new Row(Tag.CHANGE, "c", "y"),
                new Row(Tag.INSERT, "", "z"), new Row(Tag.EQUAL, "d", "d"));
        assertThat(LineDiff.rows(List.of("p", "q", "r"), List.of("x"), NEVER)).containsExactly(
                new Row(Tag.CHANGE, "p", "x"), new Row(Tag.DELETE, "q", ""), new Row(Tag.DELETE, "r", ""));
    }

    @Test
    void whollyDifferentLongTextsAreAllChangedLines() {
        List<String> left = lines("left ", 16_000);
        List<String> right = lines("right ", 16_000);
        List<Row> rows = LineDiff.rows(left, right, NEVER);
        assertThat(rows).hasSize(16_000).extracting(Row::tag).containsOnly(Tag.CHANGE);
        assertThat(rows.get(15_999)).isEqualTo(new Row(Tag.CHANGE, "left 15999", "right 15999"));
    }

    @Test
    void randomTextsGetAShortestDiffThatRebuildsBothSides() {
        Random random = new Random(21);
        for (int run = 0; run < 20_000; run++) {
            int letters = 1 + random.nextInt(5);
            List<String> left = randomText(random, letters);
            List<String> right = randomText(random, letters);
            List<Row> rows = LineDiff.rows(left, right, NEVER);

            assertThat(rows.stream().filter(r -> r.tag() != Tag.INSERT).map(Row::left).toList()).isEqualTo(left);
            assertThat(rows.stream().filter(r -> r.tag() != Tag.DELETE).map(Row::right).toList()).isEqualTo(right);
            assertThat(rows).filteredOn(r -> r.tag() == Tag.EQUAL).allMatch(r -> r.left().equals(r.right()))
                    .hasSize(longestCommonSubsequence(left, right));
        }
    }

    @Test
    void aDiffStopsAtTheFirstStepAfterItsStopSaysSo() {
        AtomicInteger asked = new AtomicInteger();
        BooleanSupplier stopOnFifth = () -> asked.incrementAndGet() >= 5;

        assertThatThrownBy(() -> LineDiff.rows(lines("line ", 2_000), reversed(lines("line ", 2_000)), stopOnFifth))
                .isInstanceOf(LineDiff.Stopped.class);
        assertThat(asked).hasValue(5);
    }

    @Test
    void aDiffStopsWhenItsDeadlinePasses() {
        TickingClock clock = new TickingClock(Duration.ofMillis(100));
        DiffDeadline deadline = DiffDeadline.after(clock, Duration.ofSeconds(1), NEVER);

        assertThatThrownBy(() -> LineDiff.rows(lines("line ", 2_000), reversed(lines("line ", 2_000)), deadline))
                .isInstanceOf(LineDiff.Stopped.class);
        // Read once for the deadline, then once a step: the tenth step finds the second gone.
        assertThat(clock.reads).hasValue(11);
    }

    @Test
    void aDiffStopsWhenItsClientHasGoneBeforeItsDeadline() {
        TickingClock clock = new TickingClock(Duration.ZERO);
        AtomicInteger asked = new AtomicInteger();
        DiffDeadline deadline = DiffDeadline.after(clock, Duration.ofSeconds(2), () -> asked.incrementAndGet() > 3);

        assertThatThrownBy(() -> LineDiff.rows(lines("line ", 2_000), reversed(lines("line ", 2_000)), deadline))
                .isInstanceOf(LineDiff.Stopped.class);
        assertThat(asked).hasValue(4);
    }

    private static List<String> lines(String prefix, int count) {
        return IntStream.range(0, count).mapToObj(i -> prefix + i).toList();
    }

    private static List<String> reversed(List<String> lines) {
        List<String> out = new ArrayList<>(lines);
        Collections.reverse(out);
        return out;
    }

    private static List<String> randomText(Random random, int letters) {
        return IntStream.range(0, random.nextInt(13)).mapToObj(i -> String.valueOf((char) ('a' + random.nextInt(letters))))
                .toList();
    }

    private static int longestCommonSubsequence(List<String> a, List<String> b) {
        int[][] table = new int[a.size() + 1][b.size() + 1];
        for (int i = a.size() - 1; i >= 0; i--) {
            for (int j = b.size() - 1; j >= 0; j--) {
                table[i][j] = a.get(i).equals(b.get(j)) ? table[i + 1][j + 1] + 1
                        : Math.max(table[i + 1][j], table[i][j + 1]);
            }
        }
        return table[0][0];
    }

    /** A clock that moves on by a fixed step each time it is read, and counts the reads. */
    private static final class TickingClock extends Clock {
        private final Duration step;
        private final AtomicInteger reads = new AtomicInteger();
        private final Instant start = Instant.parse("2026-01-01T00:00:00Z");

        TickingClock(Duration step) {
            this.step = step;
        }

        @Override
        public Instant instant() {
            return start.plus(step.multipliedBy(reads.getAndIncrement()));
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
