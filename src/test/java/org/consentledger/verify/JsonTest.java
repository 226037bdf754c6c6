package org.consentledger.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The reader's bounds: anyone may hand the service or an auditor a receipt, so no receipt may cost
 * seconds of CPU (a long number is parsed in time quadratic in its length) or the stack (the reader
 * recurses once per level).
 */
class JsonTest {

    @Test
    void aNumberOfTheLongestAllowedLengthIsRead() {
        String number = "-" + "9".repeat(Json.MAX_NUMBER_DIGITS);

        assertThat(Json.parse("[" + number + "]")).isEqualTo(List.of(new BigInteger(number)));
        assertThat(Json.parse("[0." + "9".repeat(Json.MAX_NUMBER_DIGITS - 2) + "e1]")).isInstanceOf(List.class);
    }

    @Test
    void aNumberWithOneDigitMoreIsRefusedNamingTheBound() {
        assertThatThrownBy(() -> Json.parse("[" + "9".repeat(Json.MAX_NUMBER_DIGITS + 1) + "]"))
                .isInstanceOf(Json.OverLimit.class)
                .extracting(e -> ((Json.OverLimit) e).reason())
                .isEqualTo("has a number with more than 100 digits");
        assertThatThrownBy(() -> Json.parse("[0." + "9".repeat(Json.MAX_NUMBER_DIGITS - 1) + "e1]"))
                .isInstanceOf(Json.OverLimit.class);
    }

    @Test
    void aNineHundredThousandDigitNumberIsRefusedWithoutBeingParsed() {
        assertThatThrownBy(() -> Json.parse("{\"version\":" + "9".repeat(900_000) + "}"))
                .isInstanceOf(Json.OverLimit.class);
    }

    @Test
    void aNumberWithTheLargestAllowedExponentIsRead() {
        assertThat(Json.parse("[1e1000, 1e-1000, 1.5e1001]")).isInstanceOf(List.class);
    }

    /** One digit, yet canonical JSON would write 600 million of them. */
    @Test
    void aNumberWithALargerExponentIsRefusedNamingTheBound() {
        assertThatThrownBy(() -> Json.parse("[1e1001]"))
                .isInstanceOf(Json.OverLimit.class)
                .extracting(e -> ((Json.OverLimit) e).reason())
                .isEqualTo("has a number with an exponent beyond ±1000");
        assertThatThrownBy(() -> Json.parse("[1e-1001]")).isInstanceOf(Json.OverLimit.class);
        assertThatThrownBy(() -> Json.parse("[1e600000000]")).isInstanceOf(Json.OverLimit.class);
    }

    @Test
    void nestingToTheDeepestAllowedLevelIsRead() {
        assertThat(Json.parse(nested(Json.MAX_DEPTH))).isInstanceOf(List.class);
    }

    @Test
    void nestingOneLevelDeeperIsRefusedNamingTheBound() {
        assertThatThrownBy(() -> Json.parse(nested(Json.MAX_DEPTH + 1)))
                .isInstanceOf(Json.OverLimit.class)
                .extracting(e -> ((Json.OverLimit) e).reason())
                .isEqualTo("nests deeper than 64 levels");
        assertThatThrownBy(() -> Json.parse("{\"a\":".repeat(Json.MAX_DEPTH + 1)))
                .isInstanceOf(Json.OverLimit.class);
    }

    @Test
    void fiftyThousandLevelsAreRefusedWithoutExhaustingTheStack() {
        assertThatThrownBy(() -> Json.parse(nested(50_000))).isInstanceOf(Json.OverLimit.class);
    }

    /** Arrays within arrays, {@code depth} levels in all. */
    static String nested(int depth) {
        return "[".repeat(depth) + "]".repeat(depth);
    }
}
