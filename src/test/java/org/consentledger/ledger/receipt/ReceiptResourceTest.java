package org.consentledger.ledger.receipt;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.consentledger.support.Api.fromCountry;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.consentledger.support.Api;
import org.consentledger.support.Ledger;
import org.consentledger.support.Superuser;
import org.consentledger.verify.CanonicalJson;
import org.consentledger.verify.Checkpoint;
import org.consentledger.verify.Json;
import org.consentledger.verify.Leaves;
import org.consentledger.verify.Merkle;
import org.consentledger.verify.OtherLedger;
import org.consentledger.verify.Receipt;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;

/** Receipts over HTTP: every acknowledged event carries one, and anyone may check one. */
@Tag("database")
@QuarkusTest
class ReceiptResourceTest {

    @Inject
    DataSource superuser;

    @Test
    void anAcknowledgedEventCarriesASignedReceiptOfItExactlyAsTheLedgerRecordsIt() {
        String siteKey = Api.siteWithPolicies();
        Map<String, Object> event = Api.event("ACCEPT_ALL");
        String body = post(siteKey, event).statusCode(201).extract().asString();
        Map<String, Object> receipt = receiptIn(body);
        JsonPath publicKey = given().get("/api/v1/ledger/public-key").then().statusCode(200).extract().jsonPath();

        assertThat(receipt).containsEntry("format", "consent-ledger-receipt").containsEntry("version", 2L)
                .containsEntry("log", publicKey.getString("origin")).containsEntry("keyId", publicKey.getString("keyId"))
                .containsEntry("includedBy", Instant.parse(JsonPath.from(body).getString("receivedAt"))
                        .plus(Duration.ofMinutes(1)).toString());
        assertThat(Receipt.verify(receipt, Checkpoint.VerifierKey.parse(publicKey.getString("verifierKey"))).eventId())
                .isEqualTo(event.get("eventId"));
        Map<String, Object> recorded = Ledger.awaitExportedRecord("consent_event", "eventId", (String) event.get("eventId"));
        Map<?, ?> receipted = (Map<?, ?>) receipt.get("event");
        for (String field : Receipt.EVENT_FIELDS) {
            assertThat(CanonicalJson.string(receipted.get(field))).as(field).isEqualTo(CanonicalJson.string(recorded.get(field)));
        }
    }

    @Test
    void aRetryOfTheSameEventGetsAReceiptOfTheIdenticalStatementSignedAlone() {
        String siteKey = Api.siteWithPolicies();
        Map<String, Object> event = Api.event("REJECT_ALL");

        Map<String, Object> first = receiptIn(post(siteKey, event).statusCode(201).extract().asString());
        Map<String, Object> retried = receiptIn(post(siteKey, event).statusCode(200).extract().asString());

        assertThat(CanonicalJson.string(Receipt.statementOf(retried))).isEqualTo(CanonicalJson.string(Receipt.statementOf(first)));
        assertThat(retried.get("batch")).isEqualTo(Map.of("size", 1L, "index", 0L, "path", List.of()));
        assertThat(Receipt.verify(retried, Checkpoint.VerifierKey.parse(Ledger.verifierKey())).eventId())
                .isEqualTo(event.get("eventId"));
    }

    @Test
    void aBatchGivesEachRecordedEventItsOwnReceipt() {
        String siteKey = Api.siteWithPolicies();
        Map<String, Object> accepted = Api.event("ACCEPT_ALL");
        Map<String, Object> closed = Api.event("BANNER_CLOSED");
        Map<String, Object> invalid = Map.of("visitorId", UUID.randomUUID().toString(), "type", "REJECT_ALL");

        fromCountry("US").body(Map.of("events", List.of(accepted, invalid, closed))).post(events(siteKey) + "/batch")
                .then().log().ifValidationFails().statusCode(200)
                .body("results.status", contains(201, 400, 201))
                .body("results[0].event.receipt.event.eventId", equalTo(accepted.get("eventId")))
                .body("results[0].event.receipt.event.type", equalTo("ACCEPT_ALL"))
                .body("results[1]", not(hasKey("event")))
                .body("results[2].event.receipt.event.eventId", equalTo(closed.get("eventId")))
                .body("results[2].event.receipt.event.outcome.basis", equalTo("IMPLIED"));
    }

    /** Events that reach the writer together share one signature; each receipt still proves its own event. */
    @Test
    void everyReceiptOfEventsCommittedTogetherVerifiesAlone() {
        String siteKey = Api.siteWithPolicies();
        List<Map<String, Object>> sent = IntStream.range(0, 30).mapToObj(i -> Api.event("ACCEPT_ALL")).toList();
        String body = fromCountry("FR").body(Map.of("events", sent)).post(events(siteKey) + "/batch")
                .then().statusCode(200).extract().asString();
        Checkpoint.VerifierKey key = Checkpoint.VerifierKey.parse(Ledger.verifierKey());

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> results = (List<Map<String, Object>>) Json.parseObject(body).get("results");
        for (int i = 0; i < sent.size(); i++) {
            Map<String, Object> receipt = receiptIn(CanonicalJson.string(results.get(i).get("event")));
            assertThat(Receipt.verify(receipt, key).eventId()).isEqualTo(sent.get(i).get("eventId"));
        }
    }

    @Test
    void aReceiptKeepsTheNullCountryOfAVisitorWhoseCountryIsUnknownAndStillVerifies() {
        String siteKey = Api.siteWithPolicies();
        String body = given().contentType(ContentType.JSON).body(Api.event("ACCEPT_ALL")).post(events(siteKey))
                .then().statusCode(201).extract().asString();
        Map<String, Object> receipt = receiptIn(body);

        @SuppressWarnings("unchecked")
        Map<String, Object> jurisdiction = (Map<String, Object>) ((Map<?, ?>) receipt.get("event")).get("jurisdiction");
        assertThat(jurisdiction).containsEntry("country", null).containsEntry("eea", true)
                .containsEntry("source", "DEFAULT").containsEntry("regime", "DEFAULT");
        assertThat(jurisdiction.get("rulesVersion")).as("the rules version current when it was recorded")
                .isInstanceOf(Long.class);
        check(CanonicalJson.string(receipt)).statusCode(200);
    }

    @Test
    void aReceiptWhoseEventACheckpointHoldsIsIncludedWithAProofToThatSignedCheckpoint() {
        String siteKey = Api.siteWithPolicies();
        Map<String, Object> event = Api.event("ACCEPT_ALL");
        Map<String, Object> receipt = receiptIn(post(siteKey, event).statusCode(201).extract().asString());
        Ledger.awaitInclusion(UUID.fromString((String) event.get("eventId")));

        JsonPath answer = check(CanonicalJson.string(receipt)).statusCode(200)
                .body("status", equalTo("INCLUDED"))
                .body("detail", startsWith("The checkpoint of size "))
                .body("proof.recordKey", endsWith("/" + event.get("eventId")))
                .extract().jsonPath();

        Checkpoint checkpoint = Checkpoint.verify(answer.getString("proof.checkpoint"),
                Checkpoint.VerifierKey.parse(Ledger.verifierKey()));
        long seq = answer.getLong("proof.seq");
        byte[] leafHash = Base64.getDecoder().decode(answer.getString("proof.leafHash"));
        List<byte[]> proof = answer.getList("proof.proof", String.class).stream().map(Base64.getDecoder()::decode).toList();
        assertThat(answer.getLong("proof.treeSize")).isEqualTo(checkpoint.treeSize());
        assertThat(Merkle.verifyInclusion(leafHash, seq, checkpoint.treeSize(), proof, checkpoint.rootHash())).isTrue();
        Map<String, Object> recorded = Ledger.awaitExportedRecord("consent_event", "eventId", (String) event.get("eventId"));
        assertThat(Arrays.equals(Leaves.hash(seq, Leaves.CONSENT_EVENT, recorded), leafHash)).isTrue();
    }

    @Test
    void aReceiptIsPendingWhileNoCheckpointHoldsItsEventAndItsTimeHasNotCome() throws Exception {
        String siteKey = Api.siteWithPolicies();
        Map<String, Object> event = Api.event("WITHDRAWN");
        String receipt;
        try (Superuser operator = Superuser.pausingTheSequencer(superuser)) {
            receipt = CanonicalJson.string(receiptIn(post(siteKey, event).statusCode(201).extract().asString()));

            check(receipt).statusCode(200)
                    .body("status", equalTo("PENDING"))
                    .body("detail", startsWith("Event " + event.get("eventId") + " is not in the checkpoint of size "))
                    .body("proof", nullValue());
        }
        Ledger.awaitInclusion(UUID.fromString((String) event.get("eventId")));
        check(receipt).statusCode(200).body("status", equalTo("INCLUDED"));
    }

    @Test
    void aReceiptWithAChangedOutcomeIsRejectedNamingTheSignature() {
        String siteKey = Api.siteWithPolicies();
        String receipt = CanonicalJson.string(receiptIn(post(siteKey, Api.event("REJECT_ALL")).statusCode(201)
                .extract().asString()));

        check(receipt.replace("\"analytics\":\"DENIED\"", "\"analytics\":\"GRANTED\"")).statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", contains("signature"))
                .body("errors[0].message", equalTo("does not verify with the ledger's key: the receipt was altered or forged"));
    }

    @Test
    void aReceiptSignedByAnotherKeyIsRejectedNamingTheSignature() {
        check(new OtherLedger("other.example/log").goldenReceipt(Instant.now())).statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", contains("signature"))
                .body("errors[0].message", startsWith("the receipt is signed by other.example/log key "));
    }

    @Test
    void aBodyThatIsNotAReceiptIsRejectedNamingTheField() {
        check("not json").statusCode(400).contentType("application/problem+json").body("errors.field", contains("receipt"));
        check("{}").statusCode(400).body("errors.field", contains("receipt"));
    }

    private static String events(String siteKey) {
        return "/api/v1/sites/" + siteKey + "/events";
    }

    private static ValidatableResponse post(String siteKey, Map<String, Object> event) {
        return fromCountry("DE").body(event).post(events(siteKey)).then().log().ifValidationFails();
    }

    /** The receipt as the service sent it, read the way the verifier reads it. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> receiptIn(String eventResponse) {
        return (Map<String, Object>) Json.parseObject(eventResponse).get("receipt");
    }

    private static ValidatableResponse check(String receipt) {
        return given().contentType(ContentType.JSON).body(receipt).post("/api/v1/ledger/receipts/check")
                .then().log().ifValidationFails();
    }
}
