package org.consentledger.ledger;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.consentledger.support.Api;
import org.consentledger.support.Ledger;
import org.consentledger.support.Rows;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The fork of {@link ForkAttack}, by an operator with PostgreSQL superuser rights but not the
 * signing key. The signer remembers what it signed outside the database and refuses to sign the fork.
 */
@Tag("database")
@QuarkusTest
@TestProfile(ForkAttackTest.OwnService.class)
class ForkAttackTest {

    /** A service of its own: the signer this test halts must not be the one other tests use. */
    public static class OwnService implements QuarkusTestProfile {
    }

    @Inject
    DataSource superuser;

    @Test
    void theSignerRefusesToSignARewrittenHistoryAndTheLedgerCheckGoesDown() throws Exception {
        String siteKey = Api.siteWithPolicies();
        UUID rejected = Api.postEvent(siteKey, "REJECT_ALL");
        long rejectedSeq = Ledger.awaitInclusion(rejected).getLong("seq");
        UUID later = Api.postEvent(siteKey, "ACCEPT_ALL");
        long signedSize = Ledger.awaitInclusion(later).getLong("treeSize");

        ForkAttack.rewriteFrom(superuser, rejectedSeq, rejected);
        Ledger.await("the sequencer rebuilt the tree to its former size",
                () -> Rows.count(superuser, "select count(*) from ledger_leaf") >= signedSize);
        Ledger.await("the ledger check is down",
                () -> given().get("/q/health").then().extract().path("checks.find { it.name == 'ledger' }.status")
                        .equals("DOWN"));

        assertThat(Rows.count(superuser, "select count(*) from ledger_checkpoint where tree_size > ?", rejectedSeq))
                .as("no checkpoint over the rewritten tree").isZero();
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/health").then().statusCode(503)
                .body("checks.find { it.name == 'ledger' }.data.signing", org.hamcrest.Matchers.containsString(
                        "does not extend the last checkpoint this signer signed (size " + signedSize));
        // Ingestion goes on while signing is halted.
        given().contentType("application/json").body(Api.event("ACCEPT_ALL"))
                .post("/api/v1/sites/" + siteKey + "/events").then().statusCode(201);
        String published = given().get("/api/v1/ledger/checkpoint").then().statusCode(200).extract().asString();
        assertThat(Long.parseLong(published.split("\n")[1])).as("the latest public checkpoint predates the rewrite")
                .isLessThanOrEqualTo(rejectedSeq);
    }
}
