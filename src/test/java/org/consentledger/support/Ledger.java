package org.consentledger.support;

import static io.restassured.RestAssured.given;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import org.consentledger.verify.Json;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/** Waits for the background sequencer and checkpointer, which run every few hundred ms in tests. */
public final class Ledger {

    private Ledger() {
    }

    /** The inclusion proof of an event once a signed checkpoint covers it. */
    public static JsonPath awaitInclusion(UUID eventId) {
        return awaitInclusion(eventId, null);
    }

    /** The same, for the event with this eventId on that site (null: the one site holding it). */
    public static JsonPath awaitInclusion(UUID eventId, String siteKey) {
        long deadline = System.currentTimeMillis() + 20_000;
        while (true) {
            var request = given().auth().oauth2(Tokens.auditor()).queryParam("eventId", eventId.toString());
            Response response = (siteKey == null ? request : request.queryParam("siteKey", siteKey))
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

    /**
     * The record of a ledger entry as the export shows it (GET /api/v1/ledger/export), once a
     * signed checkpoint covers it: the entry of that source whose record has {@code key} in
     * {@code keyField}.
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> awaitExportedRecord(String source, String keyField, String key) {
        return (Map<String, Object>) awaitExportedEntry(source, keyField, key).get("record");
    }

    /** The whole export entry of that record: its seq, source, leafHash and record. */
    public static Map<String, Object> awaitExportedEntry(String source, String keyField, String key) {
        long deadline = System.currentTimeMillis() + 20_000;
        while (true) {
            Response response = given().auth().oauth2(Tokens.auditor()).get("/api/v1/ledger/export");
            if (response.statusCode() == 200) {
                Optional<Map<String, Object>> entry = entryIn(response.asString(), source, keyField, key);
                if (entry.isPresent()) {
                    return entry.get();
                }
            }
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("No checkpoint covered " + source + " " + key + " within 20 s");
            }
            sleep();
        }
    }

    @SuppressWarnings("unchecked")
    private static Optional<Map<String, Object>> entryIn(String export, String source, String keyField, String key) {
        String[] lines = export.split("\n");
        for (int i = 1; i < lines.length; i++) { // line 0 is the header with the checkpoint
            Map<String, Object> entry = Json.parseObject(lines[i]);
            Map<String, Object> record = (Map<String, Object>) entry.get("record");
            if (source.equals(entry.get("source")) && record != null && key.equals(String.valueOf(record.get(keyField)))) {
                return Optional.of(entry);
            }
        }
        return Optional.empty();
    }

    /** Waits, up to 15 s, until the condition holds; {@code what} names it when it never does. */
    public static void await(String what, BooleanSupplier condition) {
        long deadline = System.currentTimeMillis() + 15_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("waited 15 s until " + what);
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
