package org.consentledger.common;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import jakarta.inject.Inject;

import javax.sql.DataSource;

import org.consentledger.support.Api;
import org.consentledger.support.Rows;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** Admin bodies are read as strictly as the banner's: what PostgreSQL cannot store is a 400 naming the field. */
@QuarkusTest
class StrictJsonTest {

    @Inject
    DataSource dataSource;

    @Inject
    ObjectMapper json;

    @Test
    void aSiteNameWithNulIsRejectedNamingItInsteadOfFailingInTheDatabase() {
        String siteKey = Api.freshSiteKey();
        Api.asAdmin().body("{\"siteKey\":\"" + siteKey + "\",\"name\":\"News\\u0000site\"}")
                .post("/api/v1/admin/sites").then().log().ifValidationFails().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", contains("name"))
                .body("errors.message", contains("must not contain NUL characters"));
        assertThat(Rows.count(dataSource, "select count(*) from site where site_key = ?", siteKey)).isZero();
    }

    @Test
    void aPolicyTextWithAnUnpairedSurrogateIsRejectedNamingIt() {
        String siteKey = Api.createSite();
        publish(siteKey, "\"content\":\"Text \\ud83d of the policy\"").statusCode(400)
                .body("errors.field", contains("content"));
        assertThat(versionsOf(siteKey)).isZero();
    }

    @Test
    void anEffectiveAtOfYear100000IsRejectedNamingIt() {
        String siteKey = Api.createSite();
        publish(siteKey, "\"content\":\"Text\",\"effectiveAt\":\"+100000-01-01T00:00:00Z\"").statusCode(400)
                .body("errors.field", contains("effectiveAt"))
                .body("errors.message", contains("must be a time between the years 1 and 9999"));
        assertThat(versionsOf(siteKey)).isZero();
    }

    @Test
    void aBooleanGivenAsAStringIsRejectedNamingIt() {
        String siteKey = Api.createSite();
        publish(siteKey, "\"content\":\"Text\",\"material\":\"false\"").statusCode(400)
                .body("type", equalTo("/problems/validation-failed"))
                .body("errors.field", contains("material"));
        assertThat(versionsOf(siteKey)).isZero();
    }

    @Test
    void everyBodyMayHoldANumberOf100DigitsAndNest64LevelsDeep() throws Exception {
        assertThat(json.readTree("[-" + "9".repeat(100) + "]").get(0).bigIntegerValue()).hasToString("-" + "9".repeat(100));
        assertThat(json.readTree("[".repeat(64) + "]".repeat(64)).isArray()).isTrue();
    }

    @Test
    void aNumberOf100DigitsIsReadAndOneWithMoreIsRejectedNamingTheBound() {
        String siteKey = Api.createSite();
        publish(siteKey, "\"content\":\"Text\",\"material\":" + "1".repeat(100)).statusCode(400)
                .body("errors.field", contains("material"));
        publish(siteKey, "\"content\":\"Text\",\"material\":" + "1".repeat(101)).statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", contains("body"))
                .body("errors.message", contains("has a number with more than 100 digits"));
        assertThat(versionsOf(siteKey)).isZero();
    }

    /** A batch item is read as a tree of any shape, so its depth is the body's bound, not the event's type. */
    @Test
    void aBatchNestedToTheDeepestLevelIsReadAndOneLevelDeeperIsRejectedNamingTheBound() {
        String siteKey = Api.siteWithPolicies();
        postBatch(siteKey, "{\"events\":[" + "[".repeat(62) + "]".repeat(62) + "]}").statusCode(200)
                .body("results.status", contains(400));
        postBatch(siteKey, "{\"events\":[" + "[".repeat(63) + "]".repeat(63) + "]}").statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", contains("events[0]"))
                .body("errors.message", contains("nests deeper than 64 levels"));
        assertThat(Rows.eventsOfSite(dataSource, siteKey)).isZero();
    }

    private static ValidatableResponse postBatch(String siteKey, String body) {
        return given().contentType(ContentType.JSON).body(body)
                .post("/api/v1/sites/" + siteKey + "/events/batch").then().log().ifValidationFails();
    }

    /** Publishes a privacy policy 1.0 whose body ends with the given fields, written as raw JSON. */
    private static ValidatableResponse publish(String siteKey, String fields) {
        return Api.asAdmin().body("{\"kind\":\"PRIVACY_POLICY\",\"version\":\"1.0\",\"title\":\"Privacy\","
                + "\"url\":\"https://www.example.com/privacy\"," + fields + "}")
                .post("/api/v1/admin/sites/" + siteKey + "/policy-versions").then().log().ifValidationFails();
    }

    private long versionsOf(String siteKey) {
        return Rows.count(dataSource, "select count(*) from policy_version v join site s on s.id = v.site_id "
                + "where s.site_key = ?", siteKey);
    }
}
