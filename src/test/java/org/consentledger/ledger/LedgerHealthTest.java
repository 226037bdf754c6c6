package org.consentledger.ledger;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.UUID;

import jakarta.inject.Inject;

import org.consentledger.support.Api;
import org.consentledger.support.Ledger;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** As migrated and left alone, the ledger's path checks out and its health check is UP. */
@QuarkusTest
class LedgerHealthTest {

    @Inject
    LedgerPath path;

    @Test
    void anUntouchedLedgerIsHealthy() {
        String siteKey = Api.siteWithPolicies();
        var event = Api.event("ACCEPT_ALL");
        given().contentType("application/json").body(event).post("/api/v1/sites/" + siteKey + "/events")
                .then().statusCode(201);
        Ledger.awaitInclusion(UUID.fromString((String) event.get("eventId")));

        assertThat(path.check()).isEmpty();
        given().get("/q/health").then().statusCode(200)
                .body("checks.find { it.name == 'ledger' }.status", equalTo("UP"));
        given().get("/q/health/well").then().statusCode(200);
    }
}
