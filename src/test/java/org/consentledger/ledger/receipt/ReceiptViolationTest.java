package org.consentledger.ledger.receipt;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.consentledger.support.Api.fromCountry;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.consentledger.ledger.ForkAttack;
import org.consentledger.support.Api;
import org.consentledger.support.Ledger;
import org.consentledger.support.OfflineVerifier;
import org.consentledger.support.Rows;
import org.consentledger.support.Superuser;
import org.consentledger.support.TestClock;
import org.consentledger.verify.CanonicalJson;
import org.consentledger.verify.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * An operator with superuser rights removes or rewrites an event before the sequencer reaches it.
 * A removed event leaves the ledger consistent with itself, and its export verifies; only the
 * visitor's receipt shows the ledger broke its word, online and offline alike. A rewritten one is
 * ledgered as it was committed, so the export itself no longer verifies.
 */
@Tag("database")
@QuarkusTest
class ReceiptViolationTest {

    @Inject
    DataSource superuser;

    @Inject
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void anEventDeletedBeforeItIsSequencedViolatesItsReceiptOnceItsPromisedTimeHasPassed() throws Exception {
        String siteKey = Api.siteWithPolicies();
        Map<String, Object> event = Api.event("ACCEPT_ALL");
        String eventId = (String) event.get("eventId");
        String receipt = receiptThenRewrite(siteKey, event, "delete from consent_event where event_id = '" + eventId + "'",
                "delete from ledger_queue where source = 'consent_event' and split_part(record_key, '/', 2) = '" + eventId + "'");
        Map<String, Object> later = Api.event("REJECT_ALL");
        receiptFor(siteKey, later);
        Ledger.awaitInclusion(UUID.fromString((String) later.get("eventId")));
        assertThat(Rows.count(superuser, "select count(*) from consent_event where event_id = ?::uuid", eventId)).isZero();
        Path receiptFile = OfflineVerifier.file("receipt", ".json", receipt);

        check(receipt).body("status", equalTo("PENDING"));
        OfflineVerifier.Run beforeItsTime = OfflineVerifier.checkReceipts(clock, OfflineVerifier.export(), receiptFile);
        assertThat(beforeItsTime.exit()).isZero();
        assertThat(beforeItsTime.output()).contains("receipt " + receiptFile + ": PENDING: Event " + eventId);

        clock.advance(Duration.ofMinutes(2));

        check(receipt).body("status", equalTo("VIOLATED"))
                .body("detail", startsWith("Event " + eventId + " is not in the checkpoint of size "))
                .body("detail", endsWith(", though it was promised by " + Json.parseObject(receipt).get("includedBy") + "."))
                .body("proof", nullValue());
        OfflineVerifier.Run afterItsTime = OfflineVerifier.checkReceipts(clock, OfflineVerifier.export(), receiptFile);
        assertThat(afterItsTime.exit()).isEqualTo(1);
        assertThat(afterItsTime.output()).startsWith("OK: ")
                .contains("receipt " + receiptFile + ": VIOLATED: Event " + eventId + " is not in the checkpoint of size ");
    }

    /**
     * The sequencer hashes the event as this process committed it, not as its row reads later: the
     * ledger keeps what the receipt says, and it is the export that no longer verifies, naming the
     * rewritten row. Before, the ledger hashed the rewritten row, and only the receipt caught it.
     */
    @Test
    void anEventRewrittenBeforeItIsSequencedIsLedgeredAsReceiptedAndTheExportNamesTheRewrite() throws Exception {
        String siteKey = Api.siteWithPolicies();
        Map<String, Object> event = Api.event("REJECT_ALL");
        String eventId = (String) event.get("eventId");
        String receipt;
        String committedOutcomeId;
        try (Superuser operator = Superuser.pausingTheSequencer(superuser)) {
            receipt = receiptFor(siteKey, event);
            committedOutcomeId = Rows.text(superuser, "select outcome_id::text from consent_event where event_id = ?::uuid",
                    eventId);
            operator.rewrite(ForkAttack.acceptingAll(UUID.fromString(eventId)));
        }
        try {
            Ledger.awaitInclusion(UUID.fromString(eventId));

            check(receipt).body("status", equalTo("VIOLATED")).body("detail", equalTo("The ledger's record of event "
                    + eventId + " was deleted or altered after the checkpoint took it in."));
            long seq = Rows.count(superuser, "select seq from ledger_leaf where record_key like ?", "%/" + eventId);
            Path receiptFile = OfflineVerifier.file("receipt", ".json", receipt);
            OfflineVerifier.Run run = OfflineVerifier.checkReceipts(clock, OfflineVerifier.export(), receiptFile);
            assertThat(run.exit()).isEqualTo(1);
            assertThat(run.output())
                    .isEqualTo("FAILED: record seq " + seq + ": the record does not match its leaf hash: it was altered\n");
        } finally {
            // The ledger keeps what was committed, so every later export in this database would fail on the
            // rewritten row: the operator puts it back.
            try (Superuser operator = Superuser.pausingTheSequencer(superuser)) {
                operator.rewrite("update consent_event set type = 'REJECT_ALL', outcome = null, outcome_id = "
                        + committedOutcomeId + " where event_id = '" + eventId + "'");
            }
        }
        assertThat(OfflineVerifier.checkReceipts(clock, OfflineVerifier.export(), OfflineVerifier.file("receipt", ".json",
                receipt)).output()).as("the row put back matches its leaf again").startsWith("OK: ");
    }

    /** Records the event, then the operator runs the statements before the sequencer can reach it. */
    private String receiptThenRewrite(String siteKey, Map<String, Object> event, String... statements) throws SQLException {
        try (Superuser operator = Superuser.pausingTheSequencer(superuser)) {
            String receipt = receiptFor(siteKey, event);
            operator.rewrite(statements);
            return receipt;
        }
    }

    /** Records the event and returns its receipt, as canonical JSON. */
    private static String receiptFor(String siteKey, Map<String, Object> event) {
        String answer = fromCountry("DE").body(event).post("/api/v1/sites/" + siteKey + "/events")
                .then().statusCode(201).extract().asString();
        return CanonicalJson.string(Json.parseObject(answer).get("receipt"));
    }

    private static ValidatableResponse check(String receipt) {
        return given().contentType(ContentType.JSON).body(receipt).post("/api/v1/ledger/receipts/check")
                .then().log().ifValidationFails().statusCode(200);
    }
}
