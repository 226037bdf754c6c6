package org.consentledger.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** CSV cells that no spreadsheet runs as a formula, whichever separator it splits on. */
class EventExportTest {

    @Test
    void aFormulaAfterASemicolonIsDefusedAndTheCellQuoted() {
        assertThat(EventExport.csvCell("Mozilla/5.0;=cmd|' /C calc'!A0;"))
                .isEqualTo("\"Mozilla/5.0;'=cmd|' /C calc'!A0;\"");
    }

    static Stream<Arguments> cells() {
        return Stream.of(
                Arguments.of("=1+1", "'=1+1"),
                Arguments.of("+1", "'+1"),
                Arguments.of("-1", "'-1"),
                Arguments.of("@SUM(A1)", "'@SUM(A1)"),
                Arguments.of("a,=1", "\"a,'=1\""),
                Arguments.of("a, =1", "\"a, '=1\""),
                Arguments.of("a;@x", "\"a;'@x\""),
                Arguments.of("a\t+x", "\"a\t'+x\""),
                Arguments.of("\tx", "\"'\tx\""),
                Arguments.of("a\r\n=x", "\"a\r\n'=x\""),
                Arguments.of("Mozilla/5.0 (X11; Linux x86_64)", "\"Mozilla/5.0 (X11; Linux x86_64)\""),
                Arguments.of("https://www.example.com/a-b", "https://www.example.com/a-b"),
                Arguments.of("say \"hi\"", "\"say \"\"hi\"\"\""));
    }

    @ParameterizedTest
    @MethodSource("cells")
    void cellsAreQuotedAndEveryPlaceAFormulaCouldStartIsDefused(String value, String cell) {
        assertThat(EventExport.csvCell(value)).isEqualTo(cell);
    }

    /** Whatever a reader splits on, and whether it honours quotes or not, no piece starts a formula. */
    @ParameterizedTest
    @ValueSource(strings = { "Mozilla/5.0;=cmd|' /C calc'!A0;", "x,+1,-2;@3\t=4", " =1; ;-1", "\r=HYPERLINK(1)" })
    void noPieceOfACellStartsAFormulaWhateverTheSeparator(String value) {
        String cell = EventExport.csvCell(value);
        for (String separator : new String[] { ",", ";", "\t", "\r", "\n" }) {
            Arrays.stream(cell.replace("\"", "").split(Pattern.quote(separator), -1))
                    .map(String::stripLeading)
                    .forEach(piece -> assertThat(piece).as("a piece of %s split on %s", cell, separator)
                            .doesNotStartWith("=").doesNotStartWith("+").doesNotStartWith("-").doesNotStartWith("@"));
        }
    }
}
