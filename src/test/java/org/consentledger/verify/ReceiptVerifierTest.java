package org.consentledger.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.consentledger.support.Api.fromCountry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.consentledger.support.Api;
import org.consentledger.support.Ledger;
import org.consentledger.support.OfflineVerifier;
import org.consentledger.support.OfflineVerifier.Run;
import org.consentledger.support.OwnLedger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** The offline verifier with receipts: one line per receipt after the export's own verdict, and an exit code for all. */
@QuarkusTest
@TestProfile(OwnLedger.class)
class ReceiptVerifierTest {

    private final Clock clock = Clock.systemUTC();
    private String accepted;
    private String rejected;
    private Path acceptedReceipt;
    private Path rejectedReceipt;
    private Path export;

    @BeforeEach
    void twoEventsInASignedCheckpoint() {
        String siteKey = Api.siteWithPolicies();
        acceptedReceipt = receiptFile(siteKey, "ACCEPT_ALL");
        rejectedReceipt = receiptFile(siteKey, "REJECT_ALL");
        accepted = eventIdIn(acceptedReceipt);
        rejected = eventIdIn(rejectedReceipt);
        Ledger.awaitInclusion(UUID.fromString(accepted));
        Ledger.awaitInclusion(UUID.fromString(rejected));
        export = OfflineVerifier.export();
    }

    @Test
    void receiptsOfEventsTheExportHoldsAreIncluded() {
        Run run = OfflineVerifier.checkReceipts(clock, export, acceptedReceipt, rejectedReceipt);

        assertThat(run.exit()).isZero();
        assertThat(run.output().lines()).hasSize(3).first().asString().startsWith("OK: ");
        assertThat(run.output()).contains("receipt " + acceptedReceipt + ": INCLUDED: The checkpoint of size ")
                .contains(" holds event " + rejected + " exactly as receipted.");
    }

    /**
     * An eventId is unique within its site only (V30): another site's event under the same eventId
     * is not this receipt's record. Matched by eventId alone, it made a sound receipt VIOLATED.
     */
    @Test
    void anotherSitesEventUnderTheSameEventIdIsNotTheReceiptsRecord() {
        String siteKey = Api.siteWithPolicies();
        String otherSite = Api.siteWithPolicies();
        Map<String, Object> event = new java.util.HashMap<>(Api.event("ACCEPT_ALL"));
        String answer = fromCountry("DE").body(event).post("/api/v1/sites/" + siteKey + "/events")
                .then().statusCode(201).extract().asString();
        Path receipt = OfflineVerifier.file("receipt", ".json", CanonicalJson.string(Json.parseObject(answer).get("receipt")));
        event.put("type", "REJECT_ALL");
        fromCountry("DE").body(event).post("/api/v1/sites/" + otherSite + "/events").then().statusCode(201);
        UUID eventId = UUID.fromString((String) event.get("eventId"));
        Ledger.awaitInclusion(eventId, siteKey);
        Ledger.awaitInclusion(eventId, otherSite);

        Run run = OfflineVerifier.checkReceipts(clock, OfflineVerifier.export(), receipt);

        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(run.output()).contains("receipt " + receipt + ": INCLUDED");
    }

    @Test
    void aTamperedReceiptIsInvalidAndFailsTheRun() throws IOException {
        Path tampered = OfflineVerifier.file("tampered", ".json",
                Files.readString(rejectedReceipt).replace("\"REJECT_ALL\"", "\"ACCEPT_ALL\""));

        Run run = OfflineVerifier.checkReceipts(clock, export, acceptedReceipt, tampered);

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.output()).contains("receipt " + acceptedReceipt + ": INCLUDED")
                .contains("receipt " + tampered + ": INVALID: signature does not verify with the ledger's key: "
                        + "the receipt was altered or forged");
    }

    @Test
    void aReceiptOfAnotherLedgerCannotBeJudgedWithThisKey() {
        OtherLedger other = new OtherLedger("other.example/log");
        Path foreign = OfflineVerifier.file("foreign", ".json", other.goldenReceipt(Instant.now()));

        Run run = OfflineVerifier.checkReceipts(clock, export, acceptedReceipt, foreign);

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.output()).contains("receipt " + foreign + ": OTHER KEY: the receipt is signed by other.example/log key "
                + other.keyIdHex() + ", not by consent-ledger.local/ledger key 5fda5296; check it with that ledger's key "
                + "and export");
    }

    @Test
    void receiptsAreNotJudgedAgainstAnExportThatFailsVerification() throws IOException {
        Path altered = OfflineVerifier.file("altered", ".ndjson",
                Files.readString(export).replace("\"type\":\"REJECT_ALL\"", "\"type\":\"ACCEPT_ALL\""));

        Run run = OfflineVerifier.checkReceipts(clock, altered, acceptedReceipt);

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.output().lines()).singleElement().asString().startsWith("FAILED: record seq ");
    }

    @Test
    void aReceiptNeedsAnExportAndAReadableFile() {
        Run withoutExport = OfflineVerifier.run(clock, "--key", Ledger.verifierKey(), "--evidence", export.toString(),
                "--receipt", acceptedReceipt.toString());
        Path notJson = OfflineVerifier.file("receipt", ".json", "not a receipt");
        Run unreadable = OfflineVerifier.checkReceipts(clock, export, notJson);

        assertThat(withoutExport.exit()).isEqualTo(2);
        assertThat(withoutExport.output()).startsWith("error: --receipt is checked against a ledger export: give --export")
                .contains("usage: ");
        assertThat(unreadable.exit()).isEqualTo(2);
        assertThat(unreadable.output()).isEqualTo("error: receipt " + notJson + " is not a JSON object\n");
    }

    private static Path receiptFile(String siteKey, String type) {
        String answer = fromCountry("DE").body(Api.event(type)).post("/api/v1/sites/" + siteKey + "/events")
                .then().statusCode(201).extract().asString();
        return OfflineVerifier.file("receipt", ".json", CanonicalJson.string(Json.parseObject(answer).get("receipt")));
    }

    private static String eventIdIn(Path receipt) {
        try {
            return (String) ((Map<?, ?>) Json.parseObject(Files.readString(receipt)).get("event")).get("eventId");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
