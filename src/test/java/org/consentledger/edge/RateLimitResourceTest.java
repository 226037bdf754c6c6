package org.consentledger.edge;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import javax.sql.DataSource;

import org.consentledger.support.Api;
import org.consentledger.support.LogCapture;
import org.consentledger.support.Rows;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * The public API's rate limits, with buckets so small and so slow to refill that a test sees
 * them run dry. Each test is its own client (a forwarded address behind the trusted 127.0.0.1)
 * on its own site, so no test spends another's tokens.
 */
@QuarkusTest
@TestProfile(RateLimitResourceTest.TightLimits.class)
public class RateLimitResourceTest {

    public static class TightLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("consent.limits.client-rate", "0.001", "consent.limits.client-burst", "5",
                    "consent.limits.site-rate", "0.001", "consent.limits.site-burst", "8",
                    "consent.limits.receipt-rate", "0.001", "consent.limits.receipt-burst", "3");
        }
    }

    private static int clients;

    @Inject
    DataSource dataSource;

    /** Every refusal here is expected; its log line is kept out of the build's output. */
    private LogCapture expectedRefusals;

    @BeforeEach
    void captureRefusals() {
        expectedRefusals = LogCapture.of("consent.security");
    }

    @AfterEach
    void releaseRefusals() {
        expectedRefusals.close();
    }

    @Test
    void aClientOverItsLimitGets429ProblemWithRetryAfterAndNothingIsRecorded() {
        String siteKey = Api.siteWithPolicies();
        String client = newClient();
        for (int i = 0; i < 5; i++) {
            postEvent(client, siteKey).then().statusCode(201);
        }
        postEvent(client, siteKey).then().log().ifValidationFails().statusCode(429)
                .contentType("application/problem+json")
                .header("Retry-After", Integer::parseInt, org.hamcrest.Matchers.greaterThanOrEqualTo(1))
                .body("type", equalTo("/problems/rate-limited"))
                .body("status", equalTo(429));
        assertThat(Rows.eventsOfSite(dataSource, siteKey)).isEqualTo(5);
    }

    @Test
    void anotherClientIsStillServedWhileOneIsLimited() {
        String siteKey = Api.siteWithPolicies();
        String flooder = newClient();
        for (int i = 0; i < 5; i++) {
            postEvent(flooder, siteKey).then().statusCode(201);
        }
        postEvent(flooder, siteKey).then().statusCode(429);
        postEvent(newClient(), siteKey).then().statusCode(201);
        as(newClient()).get("/api/v1/sites/" + siteKey + "/notice").then().statusCode(200);
    }

    @Test
    void aBatchCostsOneTokenPerEvent() {
        String siteKey = Api.siteWithPolicies();
        String client = newClient();
        postBatch(client, siteKey, 3).then().statusCode(200);
        postBatch(client, siteKey, 3).then().log().ifValidationFails().statusCode(429)
                .contentType("application/problem+json");
        assertThat(Rows.eventsOfSite(dataSource, siteKey)).isEqualTo(3);
        postEvent(client, siteKey).then().statusCode(201);
        postEvent(client, siteKey).then().statusCode(201);
        postEvent(client, siteKey).then().statusCode(429);
    }

    @Test
    void aSiteOverItsLimitIsRefusedForEveryClient() {
        String siteKey = Api.siteWithPolicies();
        for (int i = 0; i < 8; i++) {
            postEvent(newClient(), siteKey).then().statusCode(201);
        }
        as(newClient()).get("/api/v1/sites/" + siteKey + "/notice").then().statusCode(429)
                .body("type", equalTo("/problems/rate-limited"));
        as(newClient()).get("/api/v1/sites/" + Api.siteWithPolicies() + "/notice").then().statusCode(200);
    }

    /** Calls from a page the site does not list are refused before they cost the site anything. */
    @Test
    void callsFromAForeignPageDoNotSpendTheSitesBudget() {
        String siteKey = Api.siteWithPolicies();
        for (int i = 0; i < 12; i++) {
            as(newClient()).header("Origin", "https://foreign.example").get("/api/v1/sites/" + siteKey + "/notice")
                    .then().log().ifValidationFails().statusCode(403);
            as(newClient()).header("Origin", "https://foreign.example").contentType(ContentType.JSON)
                    .body(Api.event("ACCEPT_ALL")).post("/api/v1/sites/" + siteKey + "/events")
                    .then().log().ifValidationFails().statusCode(403);
        }
        as(newClient()).header("Origin", "https://www.example.com").get("/api/v1/sites/" + siteKey + "/notice")
                .then().log().ifValidationFails().statusCode(200);
        postEvent(newClient(), siteKey).then().log().ifValidationFails().statusCode(201);
        assertThat(Rows.eventsOfSite(dataSource, siteKey)).isEqualTo(1);
    }

    @Test
    void theNoticeAndAVisitorsConsentCountToo() {
        String siteKey = Api.siteWithPolicies();
        String client = newClient();
        for (int i = 0; i < 3; i++) {
            as(client).get("/api/v1/sites/" + siteKey + "/notice").then().statusCode(200);
        }
        as(client).get("/api/v1/sites/" + siteKey + "/visitors/" + UUID.randomUUID() + "/consent").then().statusCode(200);
        as(client).get("/api/v1/sites/" + siteKey + "/visitors/" + UUID.randomUUID() + "/consent").then().statusCode(200);
        as(client).get("/api/v1/sites/" + siteKey + "/notice").then().statusCode(429);
    }

    /** Receipt checks read the ledger, so they have a budget of their own, apart from the banner's. */
    @Test
    void aClientCheckingReceiptsPastItsBudgetGets429WhileItsBannerAndOtherClientsAreServed() {
        String siteKey = Api.siteWithPolicies();
        String client = newClient();
        for (int i = 0; i < 3; i++) {
            checkReceipt(client).then().statusCode(400);
        }
        checkReceipt(client).then().log().ifValidationFails().statusCode(429)
                .contentType("application/problem+json")
                .header("Retry-After", Integer::parseInt, org.hamcrest.Matchers.greaterThanOrEqualTo(1))
                .body("type", equalTo("/problems/rate-limited"));
        checkReceipt(newClient()).then().statusCode(400);
        postEvent(client, siteKey).then().statusCode(201);
    }

    @Test
    void aRefusalIsLoggedOnceAsJsonWithThePrefixAndNeverTheAddress() {
        String siteKey = Api.siteWithPolicies();
        String client = newClient();
        try (LogCapture security = LogCapture.of("consent.security")) {
            for (int i = 0; i < 5; i++) {
                postEvent(client, siteKey).then().statusCode(201);
            }
            postEvent(client, siteKey).then().statusCode(429);
            postEvent(client, siteKey).then().statusCode(429);

            List<String> lines = security.records().stream().map(LogCapture::message).toList();
            assertThat(lines).as("the second refusal within a second is counted, not logged again").hasSize(1);
            String prefix = client.substring(0, client.lastIndexOf('.')) + ".0/24";
            assertThat(lines.get(0)).startsWith("{").endsWith("}")
                    .contains("\"event\":\"rate-limited\"", "\"reason\":\"client-rate\"",
                            "\"route\":\"POST /api/v1/sites/{siteKey}/events\"", "\"client\":\"" + prefix + "\"")
                    .doesNotContain(client);
        }
    }

    /** A fresh client: its own /24, forwarded by the trusted proxy at 127.0.0.1. */
    private static synchronized String newClient() {
        clients++;
        return "198.51." + (clients % 250) + "." + (10 + clients % 200);
    }

    private static RequestSpecification as(String client) {
        return given().header("X-Forwarded-For", client);
    }

    private static io.restassured.response.Response postEvent(String client, String siteKey) {
        return as(client).contentType(ContentType.JSON).body(Api.event("ACCEPT_ALL"))
                .post("/api/v1/sites/" + siteKey + "/events");
    }

    private static io.restassured.response.Response checkReceipt(String client) {
        return as(client).contentType(ContentType.JSON).body("{}").post("/api/v1/ledger/receipts/check");
    }

    private static io.restassured.response.Response postBatch(String client, String siteKey, int size) {
        List<Map<String, Object>> events = java.util.stream.IntStream.range(0, size).mapToObj(i -> Api.event("NOTICE_SHOWN")).toList();
        return as(client).contentType(ContentType.JSON).body(Map.of("events", events))
                .post("/api/v1/sites/" + siteKey + "/events/batch");
    }
}
