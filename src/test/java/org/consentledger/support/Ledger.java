package org.consentledger.support;

import static io.restassured.RestAssured.given;

import java.util.UUID;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/** Waits for the background sequencer and checkpointer, which run every few hundred ms in tests. */
public final class Ledger {

    private Ledger() {
    }

    /** The inclusion proof of an event once a signed checkpoint covers it. */
    public static JsonPath awaitInclusion(UUID eventId) {
        long deadline = System.currentTimeMillis() + 20_000;
        while (true) {
            Response response = given().auth().oauth2(Tokens.auditor()).queryParam("eventId", eventId.toString())
                    .get("/api/v1/ledger/proof/inclusion");
            if (response.statusCode() == 200) {
                return response.jsonPath();
            }
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("No checkpoint covered event " + eventId + ": " + response.asString());
            }
            sleep();
        }
    }

    /** The verifier key the service publishes. */
    public static String verifierKey() {
        return given().get("/api/v1/ledger/public-key").then().statusCode(200).extract().path("verifierKey");
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
