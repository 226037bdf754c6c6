package org.consentledger.consent;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.consentledger.support.Api.fromCountry;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import javax.sql.DataSource;

import org.consentledger.support.Api;
import org.consentledger.support.Rows;
import org.consentledger.support.Tokens;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * What the routes outside the REST layer ({@link EventRoute}: one event, a batch) must answer as
 * that layer did: the headers a banner reads across origins, the problem and its headers, and what
 * they leave to the REST layer. The event rules themselves are {@code EventResourceTest}'s and
 * {@code BatchResourceTest}'s.
 */
@Tag("database")
@QuarkusTest
class EventRouteTest {

    private static final String ALLOWED_ORIGIN = "https://www.example.com";

    @Inject
    DataSource dataSource;

    private static String eventsOf(String siteKey) {
        return "/api/v1/sites/" + siteKey + "/events";
    }

    @Test
    void aBannerOnAnAllowedOriginReadsTheAcknowledgementItsLocationAndItsRequestId() {
        String siteKey = Api.siteWithPolicies();
        Map<String, Object> event = Api.event("ACCEPT_ALL");

        fromCountry("DE").header("Origin", ALLOWED_ORIGIN).header("X-Request-Id", "banner-42").body(event)
                .post(eventsOf(siteKey)).then().log().ifValidationFails().statusCode(201)
                .contentType("application/json")
                .header("Location", matchesPattern("http://[^/]+/api/v1/sites/" + siteKey + "/events/" + event.get("eventId")))
                .header("Access-Control-Allow-Origin", equalTo(ALLOWED_ORIGIN))
                .header("Access-Control-Expose-Headers", containsString("Location"))
                .header("Vary", containsString("Origin"))
                .header("X-Request-Id", equalTo("banner-42"))
                .body("eventId", equalTo(event.get("eventId")));
    }

    @Test
    void aPathWithAnEncodedLetterIsTheSameSiteForCors() {
        String siteKey = Api.siteWithPolicies();
        String encoded = "/api/v1/sites/%" + Integer.toHexString(siteKey.charAt(0)) + siteKey.substring(1) + "/events";

        fromCountry("DE").urlEncodingEnabled(false).header("Origin", ALLOWED_ORIGIN).body(Api.event("ACCEPT_ALL"))
                .post(encoded).then().log().ifValidationFails().statusCode(201)
                .header("Access-Control-Allow-Origin", equalTo(ALLOWED_ORIGIN));
    }

    @Test
    void aReplayIsAnsweredWithTheOriginalAndNoLocation() {
        String siteKey = Api.siteWithPolicies();
        Map<String, Object> event = Api.event("REJECT_ALL");
        fromCountry("DE").body(event).post(eventsOf(siteKey)).then().statusCode(201);

        fromCountry("DE").body(event).post(eventsOf(siteKey)).then().log().ifValidationFails().statusCode(200)
                .header("Location", nullValue()).body("eventId", equalTo(event.get("eventId")));
        assertThat(Rows.eventsOfSite(dataSource, siteKey)).isEqualTo(1);
    }

    @Test
    void aRefusalIsAProblemTheBannerCanReadAcrossOrigins() {
        String siteKey = Api.siteWithPolicies();
        Map<String, Object> event = new HashMap<>(Api.event("ACCEPT_ALL"));
        event.put("visitorId", "not-a-uuid");
        given().get("/api/v1/sites/" + siteKey + "/notice").then().statusCode(200); // as the banner does first

        fromCountry("DE").header("Origin", ALLOWED_ORIGIN).body(event).post(eventsOf(siteKey))
                .then().log().ifValidationFails().statusCode(400).contentType("application/problem+json")
                .header("Access-Control-Allow-Origin", equalTo(ALLOWED_ORIGIN))
                .body("instance", equalTo(eventsOf(siteKey)))
                .body("errors[0].field", equalTo("visitorId"));
        assertThat(Rows.eventsOfSite(dataSource, siteKey)).isZero();
    }

    @Test
    void aForgedTokenIsRefusedHereAsEverywhereAndAGoodOneChangesNothing() {
        String siteKey = Api.siteWithPolicies();

        fromCountry("DE").auth().oauth2(Tokens.tampered()).body(Api.event("ACCEPT_ALL")).post(eventsOf(siteKey))
                .then().log().ifValidationFails().statusCode(401).contentType("application/problem+json");
        assertThat(Rows.eventsOfSite(dataSource, siteKey)).isZero();
        fromCountry("DE").auth().oauth2(Tokens.auditor()).body(Api.event("ACCEPT_ALL")).post(eventsOf(siteKey))
                .then().log().ifValidationFails().statusCode(201);
    }

    @Test
    void aBatchFromAnAllowedOriginGetsEachEventsAnswerAcrossOrigins() {
        String siteKey = Api.siteWithPolicies();
        Map<String, Object> good = Api.event("ACCEPT_ALL");
        Map<String, Object> bad = new HashMap<>(Api.event("REJECT_ALL"));
        bad.put("visitorId", "not-a-uuid");

        fromCountry("DE").header("Origin", ALLOWED_ORIGIN).header("X-Request-Id", "batch-7")
                .body(Map.of("events", List.of(good, bad))).post(eventsOf(siteKey) + "/batch")
                .then().log().ifValidationFails().statusCode(200).contentType("application/json")
                .header("Access-Control-Allow-Origin", equalTo(ALLOWED_ORIGIN))
                .header("X-Request-Id", equalTo("batch-7"))
                .body("results.status", contains(201, 400))
                .body("results[0].event.eventId", equalTo(good.get("eventId")))
                .body("results[0].event.receipt", notNullValue())
                .body("results[1].problem.errors[0].field", equalTo("visitorId"));
        assertThat(Rows.eventsOfSite(dataSource, siteKey)).isEqualTo(1);
    }

    @Test
    void aBatchRefusedAsAWholeIsAProblemNamingTheFieldAndWritesNothing() {
        String siteKey = Api.siteWithPolicies();
        List<Map<String, Object>> tooMany = IntStream.range(0, 101).mapToObj(i -> Api.event("ACCEPT_ALL")).toList();
        given().get("/api/v1/sites/" + siteKey + "/notice").then().statusCode(200); // as the banner does first

        fromCountry("DE").header("Origin", ALLOWED_ORIGIN).body(Map.of("events", tooMany))
                .post(eventsOf(siteKey) + "/batch").then().log().ifValidationFails().statusCode(400)
                .contentType("application/problem+json")
                .header("Access-Control-Allow-Origin", equalTo(ALLOWED_ORIGIN))
                .body("instance", equalTo(eventsOf(siteKey) + "/batch"))
                .body("errors[0].field", equalTo("events"));
        fromCountry("DE").header("Origin", "https://elsewhere.example.org").body(Map.of("events", List.of(Api.event("ACCEPT_ALL"))))
                .post(eventsOf(siteKey) + "/batch").then().statusCode(403).contentType("application/problem+json");
        fromCountry("DE").body(Map.of("events", List.of(Api.event("ACCEPT_ALL")))).post(eventsOf("no-such-site") + "/batch")
                .then().statusCode(404).contentType("application/problem+json");
        fromCountry("DE").body("null").post(eventsOf(siteKey) + "/batch").then().statusCode(400)
                .body("errors[0].field", equalTo("body"));
        assertThat(Rows.eventsOfSite(dataSource, siteKey)).isZero();
    }

    @Test
    void aBodyThatIsNotJsonIsLeftToTheRestLayerWhichRefusesIt() {
        String siteKey = Api.siteWithPolicies();
        given().contentType("text/plain").body("ACCEPT_ALL").post(eventsOf(siteKey))
                .then().log().ifValidationFails().statusCode(415).contentType("application/problem+json")
                .body("type", startsWith("/problems/http-415"));
        assertThat(Rows.eventsOfSite(dataSource, siteKey)).isZero();
        given().contentType("text/plain").body("{}").post(eventsOf(siteKey) + "/batch")
                .then().log().ifValidationFails().statusCode(415).contentType("application/problem+json");
    }
}
