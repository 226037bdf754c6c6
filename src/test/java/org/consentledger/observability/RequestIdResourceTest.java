package org.consentledger.observability;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.logging.LogRecord;

import org.consentledger.support.Api;
import org.consentledger.support.LogCapture;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * Every request has an id: the caller's when it is a sane token, a fresh one otherwise. It comes
 * back in X-Request-Id and is on every line logged while the request is handled, here the
 * security log's line for a refused origin, written on a worker thread.
 */
@QuarkusTest
class RequestIdResourceTest {

    @Test
    void aSaneIdIsKeptEchoedAndOnTheRequestsLogLines() {
        String siteKey = Api.siteWithPolicies();
        try (LogCapture security = LogCapture.of("consent.security")) {
            String echoed = refusedOrigin(siteKey, given().header("X-Request-Id", "edge-7f3a.42:b_c-d"))
                    .extract().header("X-Request-Id");
            assertThat(echoed).isEqualTo("edge-7f3a.42:b_c-d");
            assertThat(idsOn(security.records())).containsExactly("edge-7f3a.42:b_c-d");
        }
    }

    @Test
    void withoutAnIdTheServiceMakesOneAndLogsIt() {
        String siteKey = Api.siteWithPolicies();
        try (LogCapture security = LogCapture.of("consent.security")) {
            String made = refusedOrigin(siteKey, given()).extract().header("X-Request-Id");
            assertThat(made).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
            assertThat(idsOn(security.records())).containsExactly(made);
        }
    }

    @Test
    void anIdThatIsNoSaneTokenIsReplaced() {
        String tooLong = "a".repeat(65);
        for (String sent : List.of(tooLong, "two words", "quote\"d", "{\"json\":1}")) {
            String answered = given().header("X-Request-Id", sent).get("/api/v1/ledger/public-key").then().statusCode(200)
                    .extract().header("X-Request-Id");
            assertThat(answered).as(sent).isNotEqualTo(sent).hasSize(36);
        }
    }

    @Test
    void twoRequestsGetTwoIds() {
        String first = given().get("/api/v1/ledger/public-key").then().extract().header("X-Request-Id");
        String second = given().get("/api/v1/ledger/public-key").then().extract().header("X-Request-Id");
        assertThat(first).isNotEqualTo(second);
    }

    private static io.restassured.response.ValidatableResponse refusedOrigin(String siteKey, RequestSpecification request) {
        return request.header("Origin", "https://elsewhere.example").contentType(ContentType.JSON)
                .body(Api.event("ACCEPT_ALL")).post("/api/v1/sites/" + siteKey + "/events").then().statusCode(403);
    }

    private static List<String> idsOn(List<LogRecord> records) {
        assertThat(records).isNotEmpty();
        return records.stream().map(r -> LogCapture.mdc(r, RequestIds.MDC_KEY)).toList();
    }
}
