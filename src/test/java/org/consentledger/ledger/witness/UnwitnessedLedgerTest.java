package org.consentledger.ledger.witness;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.consentledger.support.Api.asAuditor;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.consentledger.support.Api;
import org.consentledger.support.Ledger;
import org.consentledger.support.Rows;
import org.consentledger.verify.Cosignature;
import org.consentledger.verify.Ed25519;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * A ledger whose one witness never answers: checkpoints are signed, but none reaches the quorum,
 * so none is handed out. The answer says so, rather than that nothing was signed.
 */
@QuarkusTest
@TestProfile(UnwitnessedLedgerTest.WithASilentWitness.class)
class UnwitnessedLedgerTest {

    /** A service of its own, whose one witness is a closed port on this machine, with a quorum of 1. */
    public static class WithASilentWitness implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            int closedPort;
            try (ServerSocket socket = new ServerSocket(0)) {
                closedPort = socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            String key = Cosignature.WitnessKey.of("silent.test/w",
                    Ed25519.rawPublicKey(Ed25519.keyPair(Ed25519.newSeed()).getPublic())).encoded();
            return Map.of("consent.ledger.witnesses", "http://127.0.0.1:" + closedPort + "/ " + key,
                    "consent.ledger.witness-quorum", "1");
        }
    }

    private static final Pattern DETAIL = Pattern.compile(
            "(\\d+) checkpoints? (?:is|are) signed, none has reached the witness quorum of 1 yet \\(the latest, "
                    + "of tree size \\d+, has 0 cosignatures\\)");

    @Inject
    DataSource dataSource;

    @Test
    void signedCheckpointsShortOfTheQuorumAreNamedAsSuchNotAsNoCheckpoint() {
        String siteKey = Api.siteWithPolicies();
        UUID visitor = UUID.randomUUID();
        given().contentType("application/json").body(Api.event("ACCEPT_ALL", visitor))
                .post("/api/v1/sites/" + siteKey + "/events").then().statusCode(201);
        Ledger.await("a checkpoint is signed", () -> signed() > 0);
        long before = signed();

        Response checkpoint = given().get("/api/v1/ledger/checkpoint");
        Response export = asAuditor().get("/api/v1/ledger/export");
        Response evidence = asAuditor().get("/api/v1/audit/sites/" + siteKey + "/visitors/" + visitor + "/evidence");
        for (Response response : new Response[] { checkpoint, export, evidence }) {
            response.then().log().ifValidationFails().statusCode(404).contentType("application/problem+json")
                    .body("type", equalTo("/problems/checkpoint-not-witnessed"))
                    .body("title", equalTo("No checkpoint has reached the witness quorum"));
            Matcher detail = DETAIL.matcher(response.path("detail"));
            assertThat(detail.matches()).as(response.path("detail").toString()).isTrue();
            assertThat(Long.parseLong(detail.group(1))).isBetween(before, signed());
        }
    }

    private long signed() {
        return Rows.count(dataSource, "select count(*) from ledger_checkpoint");
    }
}
