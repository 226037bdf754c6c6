package org.consentledger.ledger;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.consentledger.support.Api.asAuditor;
import static org.hamcrest.Matchers.equalTo;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.consentledger.support.Api;
import org.consentledger.support.Ledger;
import org.consentledger.support.Rows;
import org.consentledger.support.Tokens;
import org.consentledger.verify.Checkpoint;
import org.consentledger.verify.EvidenceVerifier;
import org.consentledger.verify.ExportVerifier;
import org.consentledger.verify.Json;
import org.consentledger.verify.Merkle;
import org.consentledger.verify.VerifierMain;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@Tag("database")
@QuarkusTest
class LedgerResourceTest {

    /** The public half of src/test/resources/test-ledger/signing-key.pem, derived with openssl. */
    static final String TEST_PUBLIC_KEY = "LPie06G8d4a7G+HgxS0ZvVhVidDQbqy95lMBqp5Wikw=";

    @Inject
    DataSource dataSource;

    @Inject
    LedgerSequencer sequencer;

    @Test
    void thePublicKeyIsPublishedAndMatchesTheConfiguredSigningKey() {
        given().get("/api/v1/ledger/public-key").then().statusCode(200)
                .body("algorithm", equalTo("Ed25519"))
                .body("publicKey", equalTo(TEST_PUBLIC_KEY))
                .body("origin", equalTo("consent-ledger.local/ledger"));
        assertThat(Checkpoint.VerifierKey.parse(Ledger.verifierKey()).rawPublicKey())
                .isEqualTo(Base64.getDecoder().decode(TEST_PUBLIC_KEY));
    }

    @Test
    void theLatestCheckpointIsPublicAndSignedByThePublishedKey() {
        UUID eventId = postEvent(Api.siteWithPolicies(), UUID.randomUUID(), "ACCEPT_ALL");
        Ledger.awaitInclusion(eventId);
        String note = given().get("/api/v1/ledger/checkpoint").then().statusCode(200)
                .contentType(org.hamcrest.Matchers.startsWith("text/plain")).extract().asString();
        Checkpoint checkpoint = Checkpoint.verify(note, Checkpoint.VerifierKey.parse(Ledger.verifierKey()));
        assertThat(checkpoint.origin()).isEqualTo("consent-ledger.local/ledger");
        assertThat(checkpoint.treeSize()).isPositive();
    }

    @Test
    void anEventsInclusionProofLeadsToASignedCheckpoint() {
        UUID eventId = postEvent(Api.siteWithPolicies(), UUID.randomUUID(), "BANNER_CLOSED");
        JsonPath proof = Ledger.awaitInclusion(eventId);
        Checkpoint checkpoint = Checkpoint.verify(proof.getString("checkpoint"),
                Checkpoint.VerifierKey.parse(Ledger.verifierKey()));
        assertThat(proof.getLong("treeSize")).isEqualTo(checkpoint.treeSize());
        List<byte[]> path = proof.<String>getList("proof").stream().map(Base64.getDecoder()::decode).toList();
        byte[] leafHash = Base64.getDecoder().decode(proof.getString("leafHash"));
        assertThat(Merkle.verifyInclusion(leafHash, proof.getLong("seq"), checkpoint.treeSize(), path, checkpoint.rootHash()))
                .isTrue();
        assertThat(Rows.leavesOfEvent(dataSource, eventId)).isEqualTo(1);
    }

    @Test
    void theAuditorsEventListingShowsEachEventsSequenceNumberAndLeafHash() {
        String siteKey = Api.siteWithPolicies();
        UUID eventId = postEvent(siteKey, UUID.randomUUID(), "REJECT_ALL");
        JsonPath proof = Ledger.awaitInclusion(eventId);
        asAuditor().get("/api/v1/audit/sites/" + siteKey + "/events").then().statusCode(200)
                .body("items[0].ledgerSeq", equalTo(proof.getInt("seq")))
                .body("items[0].leafHash", equalTo(proof.getString("leafHash")));
        String csv = asAuditor().queryParam("format", "csv").get("/api/v1/audit/sites/" + siteKey + "/events/export")
                .then().statusCode(200).extract().asString();
        // One base64 hash in 64 starts with '+', which the CSV neutralises as a would-be formula.
        String leafHash = proof.getString("leafHash");
        String cell = leafHash.startsWith("+") ? "'" + leafHash : leafHash;
        // Then the last column, gpp, empty for an event outside the US opt-out regime.
        assertThat(csv.split("\r\n")[1]).endsWith("," + proof.getInt("seq") + "," + cell + ",");
    }

    @Test
    void consecutiveCheckpointsAreProvablyConsistent() {
        String siteKey = Api.siteWithPolicies();
        long first = Ledger.awaitInclusion(postEvent(siteKey, UUID.randomUUID(), "ACCEPT_ALL")).getLong("treeSize");
        long second = Ledger.awaitInclusion(postEvent(siteKey, UUID.randomUUID(), "ACCEPT_ALL")).getLong("treeSize");
        assertThat(second).isGreaterThan(first);
        JsonPath proof = asAuditor().queryParam("from", first).queryParam("to", second)
                .get("/api/v1/ledger/proof/consistency").then().statusCode(200).extract().jsonPath();
        Checkpoint.VerifierKey key = Checkpoint.VerifierKey.parse(Ledger.verifierKey());
        Checkpoint older = Checkpoint.verify(proof.getString("fromCheckpoint"), key);
        Checkpoint newer = Checkpoint.verify(proof.getString("toCheckpoint"), key);
        List<byte[]> path = proof.<String>getList("proof").stream().map(Base64.getDecoder()::decode).toList();
        assertThat(Merkle.verifyConsistency(older.treeSize(), newer.treeSize(), older.rootHash(), newer.rootHash(), path))
                .isTrue();
        asAuditor().get("/api/v1/ledger/checkpoints?from=" + first).then().statusCode(200)
                .body("items[0].treeSize", equalTo((int) first));
    }

    @Test
    void theExportVerifiesCleanOfflineWithTheVerifierCommand() throws Exception {
        Ledger.awaitInclusion(postEvent(Api.siteWithPolicies(), UUID.randomUUID(), "ACCEPT_ALL"));
        String export = asAuditor().get("/api/v1/ledger/export").then().statusCode(200)
                .contentType("application/x-ndjson").extract().asString();
        var verdict = ExportVerifier.verify(new BufferedReader(new StringReader(export)),
                Checkpoint.VerifierKey.parse(Ledger.verifierKey()), null);
        assertThat(verdict.clean()).as(verdict.message()).isTrue();

        Path file = Files.createTempFile("ledger", ".ndjson");
        Files.writeString(file, export);
        VerifierRun run = runVerifier("--key", Ledger.verifierKey(), "--export", file.toString());
        assertThat(run.exitCode()).as(run.output()).isEqualTo(0);
        assertThat(run.output()).isEqualTo(verdict.message()).startsWith("OK: ");
    }

    @Test
    void anEvidencePackageHoldsTheVisitorsEventsAndTheTextsTheyWereShownAndVerifiesOffline() throws Exception {
        String siteKey = Api.siteWithPolicies();
        UUID visitor = UUID.randomUUID();
        postEvent(siteKey, visitor, "NOTICE_SHOWN");
        Ledger.awaitInclusion(postEvent(siteKey, visitor, "ACCEPT_ALL"));
        String evidence = asAuditor().get("/api/v1/audit/sites/" + siteKey + "/visitors/" + visitor + "/evidence")
                .then().statusCode(200).extract().asString();
        Map<String, Object> parsed = Json.parseObject(evidence);
        List<?> entries = (List<?>) parsed.get("entries");
        assertThat(entries).hasSize(4); // two events, a privacy policy and terms of use
        assertThat(evidence).contains("Full text of PRIVACY_POLICY 1.0", "Full text of TERMS_OF_USE 1.0");
        var verdict = EvidenceVerifier.verify(parsed, Checkpoint.VerifierKey.parse(Ledger.verifierKey()), null, null);
        assertThat(verdict.clean()).as(verdict.message()).isTrue();

        Path file = Files.createTempFile("evidence", ".json");
        Files.writeString(file, evidence);
        VerifierRun clean = runVerifier("--key", Ledger.verifierKey(), "--evidence", file.toString());
        assertThat(clean.exitCode()).as(clean.output()).isEqualTo(0);
        assertThat(clean.output()).isEqualTo(verdict.message()).startsWith("OK: the checkpoint of size ")
                .contains("4 entries match their leaf hashes and policy fingerprints and are proven included in it");
        Files.writeString(file, evidence.replace("Full text of PRIVACY_POLICY 1.0", "Full text of PRIVACY_POLICY 9.9"));
        VerifierRun altered = runVerifier("--key", Ledger.verifierKey(), "--evidence", file.toString());
        assertThat(altered.exitCode()).as(altered.output()).isEqualTo(1);
        assertThat(altered.output()).startsWith("FAILED: record seq ").endsWith(": the record does not match its leaf hash: it was altered");
    }

    @Test
    void ledgerEndpointsForAuditorsRefuseOtherRoles() {
        given().get("/api/v1/ledger/export").then().statusCode(401);
        given().auth().oauth2(Tokens.admin()).get("/api/v1/ledger/checkpoints").then().statusCode(403);
        given().auth().oauth2(Tokens.admin()).queryParam("seq", 0).get("/api/v1/ledger/proof/inclusion").then().statusCode(403);
        asAuditor().get("/api/v1/ledger/proof/inclusion").then().statusCode(400);
        asAuditor().queryParam("from", "x").get("/api/v1/ledger/proof/consistency").then().statusCode(400);
        asAuditor().queryParam("eventId", UUID.randomUUID()).get("/api/v1/ledger/proof/inclusion").then().statusCode(404);
    }

    @Test
    void concurrentSequencersStillProduceGapFreeUniqueSequenceNumbers() throws Exception {
        String siteKey = Api.siteWithPolicies();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Future<?>> work = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            work.add(pool.submit(() -> postEvent(siteKey, UUID.randomUUID(), "ACCEPT_ALL")));
            work.add(pool.submit((Callable<Integer>) sequencer::sequenceBatch));
        }
        for (Future<?> future : work) {
            future.get();
        }
        pool.shutdown();
        sequencer.drain();
        assertThat(Rows.count(dataSource, "select count(*) - count(distinct seq) from ledger_leaf")).isZero();
        assertThat(Rows.count(dataSource, "select coalesce(max(seq) + 1, 0) - count(*) from ledger_leaf")).isZero();
        assertThat(Rows.count(dataSource, "select count(*) from consent_event e where not exists (select 1 from ledger_leaf l "
                + "where l.source = 'consent_event' and l.record_key in (e.event_id::text, "
                + "(select s.site_key from site s where s.id = e.site_id) || '/' || e.event_id))"))
                .isZero();
    }

    static UUID postEvent(String siteKey, UUID visitor, String type) {
        UUID eventId = UUID.randomUUID();
        given().contentType("application/json").header("User-Agent", "Mozilla/5.0 (test)")
                .body(Map.of("eventId", eventId.toString(), "visitorId", visitor.toString(), "type", type,
                        "pageUrl", "https://www.example.com/page"))
                .post("/api/v1/sites/" + siteKey + "/events").then().statusCode(201);
        return eventId;
    }

    /** What the verifier command printed, kept for the test to check rather than printed to the build log. */
    record VerifierRun(int exitCode, String output) {
    }

    static VerifierRun runVerifier(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = VerifierMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8));
        return new VerifierRun(code, out.toString(StandardCharsets.UTF_8).trim());
    }
}
