package org.consentledger.ledger.receipt;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import org.consentledger.support.LogCapture;
import org.consentledger.verify.OtherLedger;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * The public receipt check reads what anyone sends, so what it reads is bounded: the body's size,
 * a number's length and the nesting depth. Past a bound the answer is a 4xx problem naming it,
 * with nothing logged at WARNING or above and no stack trace.
 */
@QuarkusTest
class ReceiptCheckBoundsTest {

    private static final String RECEIPT = new OtherLedger("other.example/log").goldenReceipt(Instant.now());

    @Test
    void aReceiptOfTheLargestAllowedSizeIsReadAndChecked() {
        check(padded(RECEIPT, ReceiptResource.MAX_RECEIPT_CHARS)).statusCode(400)
                .body("errors.field", contains("signature"));
    }

    @Test
    void aReceiptOneCharacterLargerIsRefusedUnparsedAs413() {
        assertQuiet(() -> check(padded(RECEIPT, ReceiptResource.MAX_RECEIPT_CHARS + 1)).statusCode(413)
                .contentType("application/problem+json")
                .body("type", equalTo("/problems/body-too-large"))
                .body("detail", equalTo("A receipt is at most 16384 characters; this one was not parsed")));
    }

    @Test
    void aNineHundredThousandDigitNumberIsRefusedAs413WithNothingLogged() {
        assertQuiet(() -> check("{\"format\":" + "9".repeat(900_000) + "}").statusCode(413)
                .contentType("application/problem+json"));
    }

    @Test
    void fiftyThousandLevelsOfNestingAreRefusedAs413WithNothingLogged() {
        assertQuiet(() -> check("[".repeat(50_000) + "]".repeat(50_000)).statusCode(413)
                .contentType("application/problem+json"));
    }

    @Test
    void aNumberOfTheLongestAllowedLengthIsReadAndChecked() {
        check(withFormat("-" + "9".repeat(100))).statusCode(400)
                .body("errors.field", contains("format"));
    }

    @Test
    void aNumberWithOneDigitMoreIsRefusedNamingTheBound() {
        assertQuiet(() -> check(withFormat("9".repeat(101))).statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", contains("receipt"))
                .body("errors[0].message", equalTo("has a number with more than 100 digits")));
    }

    @Test
    void nestingToTheDeepestAllowedLevelIsReadAndChecked() {
        check(withFormat(nested(63))).statusCode(400).body("errors.field", contains("format"));
    }

    @Test
    void nestingOneLevelDeeperIsRefusedNamingTheBound() {
        assertQuiet(() -> check(withFormat(nested(64))).statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", contains("receipt"))
                .body("errors[0].message", equalTo("nests deeper than 64 levels")));
    }

    /** As deep as the body's bound allows: refused for its depth, not for a stack overflow. */
    @Test
    void eightThousandLevelsWithinTheSizeBoundAreRefusedNamingTheDepth() {
        assertQuiet(() -> check(nested(8_000)).statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].message", equalTo("nests deeper than 64 levels")));
    }

    private static void assertQuiet(Supplier<ValidatableResponse> request) {
        List<LogRecord> logged;
        try (LogCapture log = LogCapture.of("")) {
            request.get();
            logged = log.records();
        }
        assertThat(logged).as("log records at WARNING or above, or with a stack trace")
                .filteredOn(record -> record.getLevel().intValue() >= Level.WARNING.intValue()
                        || record.getThrown() != null)
                .extracting(record -> record.getLoggerName() + ": " + LogCapture.message(record))
                .isEmpty();
    }

    private static String padded(String json, int length) {
        return json + " ".repeat(length - json.length());
    }

    /** The receipt with another value in place of its format: read whole, then refused naming the format. */
    private static String withFormat(String value) {
        String format = "\"format\":\"consent-ledger-receipt\"";
        assertThat(RECEIPT).contains(format);
        return RECEIPT.replace(format, "\"format\":" + value);
    }

    private static String nested(int depth) {
        return "[".repeat(depth) + "]".repeat(depth);
    }

    private static ValidatableResponse check(String body) {
        return given().contentType(ContentType.JSON).body(body).post("/api/v1/ledger/receipts/check")
                .then().log().ifValidationFails();
    }
}
