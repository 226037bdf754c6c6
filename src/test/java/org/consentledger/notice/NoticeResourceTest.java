package org.consentledger.notice;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.consentledger.support.Api.asAdmin;
import static org.consentledger.support.Api.fromCountry;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import jakarta.inject.Inject;

import org.consentledger.support.Api;
import org.consentledger.support.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

@QuarkusTest
class NoticeResourceTest {

    private static final String ALLOWED_ORIGIN = "https://www.example.com";

    @Inject
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private static String noticeOf(String siteKey) {
        return "/api/v1/sites/" + siteKey + "/notice";
    }

    @Test
    void aVisitorInGermanyIsAskedExplicitlyAndSeesTheEeaAddendum() {
        String siteKey = Api.siteWithPolicies();
        fromCountry("DE").get(noticeOf(siteKey))
                .then().log().ifValidationFails().statusCode(200)
                .body("siteKey", equalTo(siteKey))
                .body("noticeId", matchesPattern("[0-9a-f]{64}"))
                .body("mode", equalTo("EXPLICIT"))
                .body("jurisdiction.country", equalTo("DE"))
                .body("jurisdiction.eea", equalTo(true))
                .body("jurisdiction.source", equalTo("HEADER"))
                .body("documents", hasSize(2))
                .body("documents.kind", containsInAnyOrder("PRIVACY_POLICY", "TERMS_OF_USE"))
                .body("documents.sha256", everyItem(matchesPattern("[0-9a-f]{64}")))
                .body("documents.eeaAddendum", everyItem(equalTo("Information for individuals in the EEA")));
    }

    @Test
    void aVisitorInTheUnitedStatesIsAskedImpliedlyWithoutTheEeaAddendum() {
        String siteKey = Api.siteWithPolicies();
        fromCountry("US").get(noticeOf(siteKey))
                .then().log().ifValidationFails().statusCode(200)
                .body("mode", equalTo("IMPLIED"))
                .body("jurisdiction.country", equalTo("US"))
                .body("jurisdiction.eea", equalTo(false))
                .body("jurisdiction.source", equalTo("HEADER"))
                .body("documents", hasSize(2))
                .body("documents[0]", not(hasKey("eeaAddendum")))
                .body("documents[1]", not(hasKey("eeaAddendum")));
    }

    @Test
    void withoutTheCountryHeaderTheStrictestRuleApplies() {
        String siteKey = Api.siteWithPolicies();
        given().get(noticeOf(siteKey))
                .then().log().ifValidationFails().statusCode(200)
                .body("mode", equalTo("EXPLICIT"))
                .body("jurisdiction.country", nullValue())
                .body("jurisdiction.eea", equalTo(true))
                .body("jurisdiction.source", equalTo("DEFAULT"))
                .body("documents.eeaAddendum", everyItem(notNullValue()));
    }

    @Test
    void anUnknownCountryCodeFallsBackToTheDefault() {
        String siteKey = Api.siteWithPolicies();
        fromCountry("XX").get(noticeOf(siteKey))
                .then().statusCode(200)
                .body("mode", equalTo("EXPLICIT"))
                .body("jurisdiction.country", nullValue())
                .body("jurisdiction.eea", equalTo(true))
                .body("jurisdiction.source", equalTo("DEFAULT"));
    }

    @Test
    void theCategoriesStartWithTheRequiredNecessaryOne() {
        String siteKey = Api.createSite();
        fromCountry("DE").get(noticeOf(siteKey))
                .then().statusCode(200)
                .body("categories.key", contains("necessary", "functional", "analytics", "marketing"))
                .body("categories.required", contains(true, false, false, false))
                .body("documents", hasSize(0));
    }

    @Test
    void aRepeatedRequestWithTheEtagIsNotModified() {
        String siteKey = Api.siteWithPolicies();
        Response first = fromCountry("DE").get(noticeOf(siteKey));
        first.then().statusCode(200).header("ETag", notNullValue()).header("Cache-Control", containsString("no-cache"))
                .header("Vary", containsString(Api.COUNTRY_HEADER));
        String etag = first.header("ETag");

        fromCountry("DE").header("If-None-Match", etag).get(noticeOf(siteKey))
                .then().statusCode(304).header("ETag", equalTo(etag));
        fromCountry("US").header("If-None-Match", etag).get(noticeOf(siteKey))
                .then().statusCode(200).header("ETag", not(equalTo(etag)));
    }

    @Test
    void publishingANewVersionChangesTheNoticeId() {
        String siteKey = Api.siteWithPolicies();
        Response before = fromCountry("DE").get(noticeOf(siteKey));
        String noticeId = before.path("noticeId");
        String etag = before.header("ETag");

        String newVersion = Api.publish(siteKey, "PRIVACY_POLICY", "2.0", true);

        fromCountry("DE").header("If-None-Match", etag).get(noticeOf(siteKey))
                .then().log().ifValidationFails().statusCode(200)
                .body("noticeId", not(equalTo(noticeId)))
                .body("documents.id", org.hamcrest.Matchers.hasItem(newVersion))
                .body("documents.find { it.kind == 'PRIVACY_POLICY' }.version", equalTo("2.0"));
    }

    @Test
    void aVersionTakesEffectOnlyAtItsEffectiveAt() {
        String siteKey = Api.siteWithPolicies();
        Instant effectiveAt = clock.instant().plus(Duration.ofHours(1));
        asAdmin().body(Map.of("kind", "PRIVACY_POLICY", "version", "2.0", "title", "Privacy 2.0",
                        "url", "https://www.example.com/privacy/2.0", "content", "Later text",
                        "effectiveAt", effectiveAt.toString()))
                .post("/api/v1/admin/sites/" + siteKey + "/policy-versions").then().statusCode(201);

        fromCountry("DE").get(noticeOf(siteKey)).then().statusCode(200)
                .body("documents.find { it.kind == 'PRIVACY_POLICY' }.version", equalTo("1.0"));

        // Seconds before, the old version still holds; the notice cached now must not outlive it.
        moveClockTo(effectiveAt.minusSeconds(4));
        assertThat(currentPrivacyVersion(siteKey)).isEqualTo("1.0");

        moveClockTo(effectiveAt);
        String current = currentPrivacyVersion(siteKey);
        assertThat(clock.instant()).isAfterOrEqualTo(effectiveAt);
        assertThat(current).isEqualTo("2.0");
    }

    private String currentPrivacyVersion(String siteKey) {
        return fromCountry("DE").get(noticeOf(siteKey)).then().statusCode(200).extract()
                .path("documents.find { it.kind == 'PRIVACY_POLICY' }.version");
    }

    /** Moves the application's clock to {@code moment}; real time only moves it further on. */
    private void moveClockTo(Instant moment) {
        clock.advance(Duration.between(clock.instant(), moment));
    }

    @Test
    void anUnknownSiteIsNotFound() {
        fromCountry("DE").get(noticeOf("no-such-site"))
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void anAllowedOriginIsEchoedForCors() {
        String siteKey = Api.siteWithPolicies();
        fromCountry("DE").header("Origin", ALLOWED_ORIGIN).get(noticeOf(siteKey))
                .then().log().ifValidationFails().statusCode(200)
                .header("Access-Control-Allow-Origin", equalTo(ALLOWED_ORIGIN))
                .header("Vary", containsString("Origin"));
    }

    @Test
    void aForeignOriginIsForbidden() {
        String siteKey = Api.siteWithPolicies();
        fromCountry("DE").header("Origin", "https://evil.example").get(noticeOf(siteKey))
                .then().log().ifValidationFails().statusCode(403).contentType("application/problem+json")
                .header("Access-Control-Allow-Origin", nullValue());
    }

    @Test
    void aPreflightFromAnAllowedOriginIsAnswered() {
        String siteKey = Api.siteWithPolicies();
        given().header("Origin", ALLOWED_ORIGIN).header("Access-Control-Request-Method", "GET")
                .options(noticeOf(siteKey))
                .then().log().ifValidationFails().statusCode(204)
                .header("Access-Control-Allow-Methods", containsString("GET"))
                .header("Access-Control-Allow-Origin", equalTo(ALLOWED_ORIGIN));
        given().header("Origin", ALLOWED_ORIGIN).header("Access-Control-Request-Method", "POST")
                .contentType(ContentType.JSON)
                .options("/api/v1/sites/" + siteKey + "/events")
                .then().log().ifValidationFails().statusCode(204)
                .header("Access-Control-Allow-Methods", containsString("POST"))
                .header("Access-Control-Allow-Origin", equalTo(ALLOWED_ORIGIN));
    }

    @Test
    void aPreflightFromAForeignOriginIsForbidden() {
        String siteKey = Api.siteWithPolicies();
        given().header("Origin", "https://evil.example").header("Access-Control-Request-Method", "GET")
                .options(noticeOf(siteKey))
                .then().statusCode(403).header("Access-Control-Allow-Origin", nullValue());
    }

    @Test
    void originsAreComparedCaseInsensitively() {
        String siteKey = Api.createSite();
        fromCountry("DE").header("Origin", "https://WWW.Example.com").get(noticeOf(siteKey))
                .then().statusCode(200)
                .header("Access-Control-Allow-Origin", equalTo("https://WWW.Example.com"));
    }
}
