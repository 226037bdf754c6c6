package org.consentledger.ledger;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.consentledger.ledger.LedgerResourceTest.postEvent;
import static org.consentledger.ledger.LedgerResourceTest.runVerifier;
import static org.consentledger.support.Api.asAuditor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import org.consentledger.ledger.LedgerResourceTest.VerifierRun;
import org.consentledger.support.Api;
import org.consentledger.support.Ledger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The audit of one visitor in docs/ledger.md ("What an auditor does") against a checkpoint kept
 * earlier, step by step, including the proof fetched after a newer checkpoint was signed, which
 * once raised a false alarm.
 */
@QuarkusTest
class AuditorWorkflowTest {

    @TempDir
    Path work;

    @Test
    void anEvidencePackageIsCheckedAgainstAKeptCheckpointWithTheProofBetweenTheirSizes() throws Exception {
        Path publicKey = save("public-key.json", given().get("/api/v1/ledger/public-key").then().statusCode(200)
                .extract().asString());
        String siteKey = Api.siteWithPolicies();
        UUID visitor = UUID.randomUUID();
        Ledger.awaitInclusion(postEvent(siteKey, visitor, "ACCEPT_ALL"));
        Path kept = save("checkpoint-kept.txt", given().get("/api/v1/ledger/checkpoint").then().statusCode(200)
                .extract().asString());
        String oldSize = verifier("--tree-size", kept.toString()).output();

        Ledger.awaitInclusion(postEvent(siteKey, visitor, "WITHDRAWN"));
        Path evidence = save("evidence.json", asAuditor()
                .get("/api/v1/audit/sites/" + siteKey + "/visitors/" + visitor + "/evidence").then().statusCode(200)
                .extract().asString());
        String newSize = verifier("--tree-size", evidence.toString()).output();
        assertThat(Long.parseLong(newSize)).isGreaterThan(Long.parseLong(oldSize));
        Ledger.awaitInclusion(postEvent(siteKey, UUID.randomUUID(), "ACCEPT_ALL")); // a newer checkpoint exists now

        Path latestProof = save("latest.json", asAuditor().queryParam("from", oldSize)
                .get("/api/v1/ledger/proof/consistency").then().statusCode(200).extract().asString());
        VerifierRun mismatched = runVerifier("--key", publicKey.toString(), "--evidence", evidence.toString(),
                "--older-checkpoint", kept.toString(), "--consistency-proof", latestProof.toString());
        assertThat(mismatched.exitCode()).as("a usage error, not a verdict of tampering").isEqualTo(2);
        assertThat(mismatched.output()).contains("fetch /api/v1/ledger/proof/consistency?from=" + oldSize + "&to=" + newSize);

        Path proof = save("consistency.json", asAuditor().queryParam("from", oldSize).queryParam("to", newSize)
                .get("/api/v1/ledger/proof/consistency").then().statusCode(200).extract().asString());
        VerifierRun checked = runVerifier("--key", publicKey.toString(), "--evidence", evidence.toString(),
                "--older-checkpoint", kept.toString(), "--consistency-proof", proof.toString());
        assertThat(checked.exitCode()).as(checked.output()).isZero();
        assertThat(checked.output()).startsWith("OK: the checkpoint of size " + newSize + " is signed by the log's key")
                .endsWith("the log only grew since the older checkpoint of size " + oldSize + " (consistency proof checked)");
    }

    @Test
    void anOlderCheckpointWithoutItsConsistencyProofIsAUsageError() throws Exception {
        Path evidence = save("evidence.json", "{}");
        Path kept = save("kept.txt", "x");
        VerifierRun run = runVerifier("--key", Ledger.verifierKey(), "--evidence", evidence.toString(),
                "--older-checkpoint", kept.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.output()).startsWith("error: with --evidence, --older-checkpoint and --consistency-proof go together");
    }

    private VerifierRun verifier(String... args) {
        VerifierRun run = runVerifier(args);
        assertThat(run.exitCode()).as(run.output()).isZero();
        return run;
    }

    private Path save(String name, String content) throws Exception {
        return Files.writeString(work.resolve(name), content);
    }
}
