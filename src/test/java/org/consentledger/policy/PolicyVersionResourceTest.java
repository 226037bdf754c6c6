package org.consentledger.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.consentledger.support.Api.asAdmin;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.oneOf;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import javax.sql.DataSource;

import org.consentledger.support.Api;
import org.consentledger.support.Rows;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

@Tag("database")
@QuarkusTest
class PolicyVersionResourceTest {

    @Inject
    DataSource dataSource;

    private static String versionsOf(String siteKey) {
        return "/api/v1/admin/sites/" + siteKey + "/policy-versions";
    }

    private static Map<String, Object> privacyPolicy(String version) {
        Map<String, Object> body = new HashMap<>();
        body.put("kind", "PRIVACY_POLICY");
        body.put("version", version);
        body.put("title", "Privacy policy");
        body.put("url", "https://www.example.com/privacy");
        body.put("content", "We keep what we must.");
        return body;
    }

    private long versionRows(String siteKey) {
        return Rows.count(dataSource,
                "select count(*) from policy_version v join site s on s.id = v.site_id where s.site_key = ?", siteKey);
    }

    @Test
    void publishingAVersionReturnsItsIdHashAndLocationAndStoresTheRow() {
        String siteKey = Api.createSite();
        Map<String, Object> body = privacyPolicy("2.0");
        body.put("changeSummary", "New processors");
        body.put("material", false);

        Response response = asAdmin().body(body).post(versionsOf(siteKey));
        response.then().log().ifValidationFails().statusCode(201)
                .body("id", notNullValue())
                .body("siteKey", equalTo(siteKey))
                .body("kind", equalTo("PRIVACY_POLICY"))
                .body("version", equalTo("2.0"))
                .body("material", equalTo(false))
                .body("sha256", matchesPattern("[0-9a-f]{64}"))
                .body("publishedBy", equalTo("test-admin"))
                .body("effectiveAt", notNullValue())
                .body("publishedAt", notNullValue());
        String id = response.path("id");
        String sha256 = response.path("sha256");
        assertThat(response.header("Location")).endsWith("/policy-versions/" + id);
        assertThat(sha256).isEqualTo(PolicyHash.of(PolicyKind.PRIVACY_POLICY, "2.0", "Privacy policy",
                "https://www.example.com/privacy", "We keep what we must.", null, "New processors"));

        assertThat(Rows.count(dataSource, "select count(*) from policy_version where id = ? and sha256 = ? "
                + "and published_by = 'test-admin' and material = false and version = '2.0'", UUID.fromString(id), sha256))
                .isEqualTo(1);
        asAdmin().get(versionsOf(siteKey) + "/" + id).then().statusCode(200)
                .body("id", equalTo(id)).body("sha256", equalTo(sha256)).body("content", equalTo("We keep what we must."));
    }

    @Test
    void materialDefaultsToTrue() {
        String siteKey = Api.createSite();
        asAdmin().body(privacyPolicy("1.0")).post(versionsOf(siteKey)).then().statusCode(201).body("material", equalTo(true));
    }

    @Test
    void publishingIsRecordedInTheAdminLog() {
        String siteKey = Api.createSite();
        String id = Api.publish(siteKey, "PRIVACY_POLICY", "1.0", true);
        assertThat(Rows.count(dataSource, "select count(*) from admin_log where action = 'POLICY_VERSION_PUBLISHED' "
                + "and target_type = 'POLICY_VERSION' and target = ? and actor = 'test-admin' and before is null "
                + "and after ->> 'siteKey' = ? and after ->> 'version' = '1.0' and length(after ->> 'sha256') = 64",
                id, siteKey)).isEqualTo(1);
    }

    @Test
    void aDuplicateVersionLabelForTheSameKindIsAConflictAndWritesNothing() {
        String siteKey = Api.createSite();
        Api.publish(siteKey, "PRIVACY_POLICY", "1.0", true);

        asAdmin().body(privacyPolicy("1.0")).post(versionsOf(siteKey))
                .then().log().ifValidationFails().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("/problems/conflict"));
        assertThat(versionRows(siteKey)).isEqualTo(1);
    }

    @Test
    void aDuplicateVersionLabelWithSurroundingSpacesIsStillAConflict() {
        String siteKey = Api.createSite();
        Api.publish(siteKey, "PRIVACY_POLICY", "1.0", true);

        asAdmin().body(privacyPolicy(" 1.0 ")).post(versionsOf(siteKey))
                .then().log().ifValidationFails().statusCode(409).contentType("application/problem+json");
        assertThat(versionRows(siteKey)).isEqualTo(1);
    }

    @Test
    void theSameVersionLabelMayBeUsedForAnotherKind() {
        String siteKey = Api.createSite();
        Api.publish(siteKey, "PRIVACY_POLICY", "1.0", true);
        Api.publish(siteKey, "TERMS_OF_USE", "1.0", true);
        assertThat(versionRows(siteKey)).isEqualTo(2);
    }

    @Test
    void aMissingKindIsRejectedNamingTheField() {
        Map<String, Object> body = privacyPolicy("1.0");
        body.remove("kind");
        assertRejected(body, "kind");
    }

    @Test
    void anUnknownKindIsRejectedNamingTheField() {
        Map<String, Object> body = privacyPolicy("1.0");
        body.put("kind", "SECRET_POLICY");
        assertRejected(body, "kind");
    }

    @Test
    void missingContentIsRejectedNamingTheField() {
        Map<String, Object> body = privacyPolicy("1.0");
        body.remove("content");
        assertRejected(body, "content");
    }

    @Test
    void aUrlThatIsNotHttpIsRejectedNamingTheField() {
        Map<String, Object> body = privacyPolicy("1.0");
        body.put("url", "javascript:alert(1)");
        assertRejected(body, "url");
        body.put("url", "ftp://www.example.com/privacy");
        assertRejected(body, "url");
    }

    @Test
    void anEffectiveAtMoreThanFiveMinutesAgoIsRejectedNamingTheField() {
        Map<String, Object> body = privacyPolicy("1.0");
        body.put("effectiveAt", Instant.now().minusSeconds(6 * 60).toString());
        assertRejected(body, "effectiveAt");
    }

    @Test
    void anEffectiveAtWithinTheClockSkewToleranceIsAccepted() {
        String siteKey = Api.createSite();
        Map<String, Object> body = privacyPolicy("1.0");
        body.put("effectiveAt", Instant.now().minusSeconds(60).toString());
        asAdmin().body(body).post(versionsOf(siteKey)).then().log().ifValidationFails().statusCode(201);
    }

    private void assertRejected(Map<String, Object> body, String field) {
        String siteKey = Api.createSite();
        asAdmin().body(body).post(versionsOf(siteKey))
                .then().log().ifValidationFails().statusCode(400).contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("errors.field", contains(field));
        assertThat(versionRows(siteKey)).isZero();
    }

    @Test
    void listingFiltersByKind() {
        String siteKey = Api.siteWithPolicies();
        Api.publish(siteKey, "PRIVACY_POLICY", "1.1", false);

        asAdmin().get(versionsOf(siteKey)).then().statusCode(200).body("$", hasSize(3));
        asAdmin().queryParam("kind", "PRIVACY_POLICY").get(versionsOf(siteKey))
                .then().statusCode(200)
                .body("kind", everyItem(equalTo("PRIVACY_POLICY")))
                .body("version", contains("1.1", "1.0"));
        asAdmin().queryParam("kind", "terms_of_use").get(versionsOf(siteKey))
                .then().statusCode(200).body("version", contains("1.0")).body("kind", contains("TERMS_OF_USE"));
        asAdmin().queryParam("kind", "COOKIE_POLICY").get(versionsOf(siteKey)).then().statusCode(200).body("$", hasSize(0));
    }

    @Test
    void listingWithAnUnknownKindIsABadRequest() {
        String siteKey = Api.createSite();
        asAdmin().queryParam("kind", "BOGUS").get(versionsOf(siteKey))
                .then().statusCode(400).contentType("application/problem+json").body("errors.field", contains("kind"));
    }

    @Test
    void aVersionOfAnotherSiteIsNotFound() {
        String siteKey = Api.createSite();
        String id = Api.publish(Api.createSite(), "PRIVACY_POLICY", "1.0", true);
        asAdmin().get(versionsOf(siteKey) + "/" + id).then().statusCode(404).contentType("application/problem+json");
        asAdmin().get(versionsOf(siteKey) + "/" + UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    void anUnknownSiteIsNotFound() {
        asAdmin().get(versionsOf("no-such-site")).then().statusCode(404).contentType("application/problem+json");
        asAdmin().body(privacyPolicy("1.0")).post(versionsOf("no-such-site"))
                .then().statusCode(404).contentType("application/problem+json");
    }

    /**
     * There is no PUT or DELETE. RESTEasy Reactive answers 404 rather than 405 here, because after
     * this resource it also tries SiteResource, whose path is a prefix of this one (see
     * quarkusio/quarkus#27659); either way nothing may change.
     */
    @Test
    void aPublishedVersionCanBeNeitherReplacedNorDeleted() {
        String siteKey = Api.createSite();
        String id = Api.publish(siteKey, "PRIVACY_POLICY", "1.0", true);
        String sha256 = asAdmin().get(versionsOf(siteKey) + "/" + id).then().extract().path("sha256");
        Map<String, Object> replacement = privacyPolicy("1.0");
        replacement.put("content", "Edited after the fact");

        asAdmin().body(replacement).put(versionsOf(siteKey) + "/" + id)
                .then().log().ifValidationFails().statusCode(oneOf(404, 405)).contentType("application/problem+json");
        asAdmin().delete(versionsOf(siteKey) + "/" + id)
                .then().log().ifValidationFails().statusCode(oneOf(404, 405)).contentType("application/problem+json");
        assertThat(Rows.count(dataSource, "select count(*) from policy_version where id = ? and sha256 = ?",
                UUID.fromString(id), sha256)).isEqualTo(1);
    }
}
