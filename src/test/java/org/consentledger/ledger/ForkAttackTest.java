package org.consentledger.ledger;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.consentledger.support.Api;
import org.consentledger.support.Ledger;
import org.consentledger.support.Rows;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The fork an operator with PostgreSQL superuser rights, but not the signing key, can build: rewrite
 * one event, drop the leaves, nodes and checkpoints after it, and let the sequencer rebuild the
 * tree. The signer remembers what it signed outside the database and refuses to sign the fork.
 */
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
        UUID rejected = post(siteKey, "REJECT_ALL");
        long rejectedSeq = Ledger.awaitInclusion(rejected).getLong("seq");
        UUID later = post(siteKey, "ACCEPT_ALL");
        long signedSize = Ledger.awaitInclusion(later).getLong("treeSize");

        rewriteFrom(rejectedSeq, rejected);
        await("the sequencer rebuilt the tree to its former size",
                () -> Rows.count(superuser, "select count(*) from ledger_leaf") >= signedSize);
        await("the ledger check is down",
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

    /** What the attacker ran, in one transaction, as the issue reports it. */
    private void rewriteFrom(long seq, UUID rejected) throws SQLException {
        try (Connection c = superuser.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("select pg_advisory_xact_lock(" + LedgerSequencer.LOCK_KEY + ")");
            s.execute("set local session_replication_role = replica"); // triggers off: append-only no more
            s.execute("update consent_event set type = 'ACCEPT_ALL', outcome = jsonb_set(outcome, '{categories}', "
                    + "(select jsonb_object_agg(key, 'GRANTED') from jsonb_object_keys(outcome -> 'categories') key)) "
                    + "where event_id = '" + rejected + "'");
            s.execute("insert into ledger_queue (source, record_key) select source, record_key from ledger_leaf "
                    + "where seq >= " + seq + " order by seq");
            s.execute("delete from ledger_node where (index + 1) * (1::bigint << level) > " + seq);
            s.execute("delete from ledger_leaf where seq >= " + seq);
            s.execute("delete from ledger_checkpoint where tree_size > " + seq);
            c.commit();
        }
    }

    private static UUID post(String siteKey, String type) {
        var event = Api.event(type);
        given().contentType("application/json").body(event).post("/api/v1/sites/" + siteKey + "/events")
                .then().statusCode(201);
        return UUID.fromString((String) event.get("eventId"));
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 15_000;
        while (!condition.getAsBoolean()) {
            assertThat(System.currentTimeMillis()).as("waited 15 s until " + what).isLessThan(deadline);
            Thread.sleep(100);
        }
    }
}
