package org.consentledger.policy;

import static io.restassured.RestAssured.given;
import static org.consentledger.support.Api.asAdmin;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.consentledger.support.Api;
import org.consentledger.support.Tokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.filter.log.LogDetail;
import io.restassured.specification.RequestSpecification;

@QuarkusTest
class PolicyDiffResourceTest {

    /** The default of consent.policy-diff.max-lines: the tests check the bound a deployment gets. */
    private static final int MAX_LINES = 10_000;

    private static String diffOf(String siteKey) {
        return "/api/v1/admin/sites/" + siteKey + "/policy-versions/diff";
    }

    private static String publish(String siteKey, String version, String content, String eeaAddendum) {
        Map<String, Object> body = new HashMap<>(Map.of("kind", "PRIVACY_POLICY", "version", version,
                "title", "Privacy policy", "url", "https://www.example.com/privacy", "content", content,
                "material", true, "changeSummary", "Version " + version));
        if (eeaAddendum != null) {
            body.put("eeaAddendum", eeaAddendum);
        }
        return asAdmin().body(body).post("/api/v1/admin/sites/" + siteKey + "/policy-versions")
                .then().statusCode(201).extract().path("id");
    }

    @Test
    void twoVersionsAreComparedLineByLineUnderSectionHeadingsAsPlainText() {
        String siteKey = Api.createSite();
        String v1 = publish(siteKey, "1", "We collect <b>nothing</b>.\nWe keep logs for 30 days.\nContact us.", null);
        String v2 = publish(siteKey, "2", "We collect <b>nothing</b>.\nWe keep logs for 90 days.\nContact us.\nAppeals: write to us.",
                "EEA rights");

        asAuditor().queryParams(Map.of("from", v1, "to", v2)).get(diffOf(siteKey))
                .then().log().ifValidationFails(LogDetail.ALL).statusCode(200)
                .body("from.id", equalTo(v1)).body("from.version", equalTo("1"))
                .body("from.kind", equalTo("PRIVACY_POLICY")).body("from.language", equalTo("en"))
                .body("from.changeSummary", equalTo("Version 1")).body("from.material", equalTo(true))
                .body("to.id", equalTo(v2)).body("to.translationId", nullValue())
                .body("rows.tag", contains("EQUAL", "EQUAL", "EQUAL", "EQUAL", "EQUAL", "EQUAL", "CHANGE", "EQUAL",
                        "INSERT", "EQUAL", "INSERT"))
                .body("rows.left", contains("# title", "Privacy policy", "# url", "https://www.example.com/privacy",
                        "# content", "We collect <b>nothing</b>.", "We keep logs for 30 days.", "Contact us.", "",
                        "# eeaAddendum", ""))
                .body("rows.right", contains("# title", "Privacy policy", "# url", "https://www.example.com/privacy",
                        "# content", "We collect <b>nothing</b>.", "We keep logs for 90 days.", "Contact us.",
                        "Appeals: write to us.", "# eeaAddendum", "EEA rights"))
                .body("changedLines", equalTo(3));
    }

    @Test
    void withALanguageTheTranslationsAreComparedAndAMissingOneIsNotFound() {
        String siteKey = Api.createSite();
        String v1 = publish(siteKey, "1", "Text one", null);
        String v2 = publish(siteKey, "2", "Text two", null);
        String germanV1 = translate(siteKey, v1, "Text eins");
        asAdmin().queryParams(Map.of("from", v1, "to", v2, "language", "de")).get(diffOf(siteKey))
                .then().statusCode(404);
        translate(siteKey, v2, "Text zwei");

        asAdmin().queryParams(Map.of("from", v1, "to", v2, "language", "de")).get(diffOf(siteKey))
                .then().log().ifValidationFails(LogDetail.ALL).statusCode(200)
                .body("from.language", equalTo("de")).body("from.translationId", equalTo(germanV1))
                .body("rows.find { it.tag == 'CHANGE' }.left", equalTo("Text eins"))
                .body("rows.find { it.tag == 'CHANGE' }.right", equalTo("Text zwei"))
                .body("changedLines", equalTo(1));
        asAdmin().queryParams(Map.of("from", v1, "to", v2, "language", "en")).get(diffOf(siteKey))
                .then().statusCode(200).body("rows.find { it.tag == 'CHANGE' }.left", equalTo("Text one"));
    }

    @Test
    void badOrForeignVersionsAreRefusedNamingTheField() {
        String siteKey = Api.siteWithPolicies();
        String other = Api.siteWithPolicies();
        String policy = publish(siteKey, "2", "x", null);
        String terms = Api.publish(siteKey, "TERMS_OF_USE", "2", true);
        String othersPolicy = publish(other, "2", "x", null);

        refused(siteKey, Map.of("to", policy), "from");
        refused(siteKey, Map.of("from", "nope", "to", policy), "from");
        refused(siteKey, Map.of("from", policy), "to");
        refused(siteKey, Map.of("from", policy, "to", terms), "to");
        refused(siteKey, Map.of("from", policy, "to", policy, "language", "not a tag"), "language");
        asAdmin().queryParams(Map.of("from", policy, "to", othersPolicy)).get(diffOf(siteKey)).then().statusCode(404);
        asAdmin().queryParams(Map.of("from", policy, "to", UUID.randomUUID().toString())).get(diffOf(siteKey))
                .then().statusCode(404);
    }

    @Test
    void adminsAndAuditorsOfTheSiteMayCompareOthersGetNotFound() {
        String siteKey = Api.createSite();
        String v1 = publish(siteKey, "1", "a", null);
        Map<String, String> query = Map.of("from", v1, "to", v1);
        for (String group : List.of("admin", "auditor", "admin:" + siteKey, "auditor:" + siteKey)) {
            as(Tokens.withGroups(group)).queryParams(query).get(diffOf(siteKey)).then().statusCode(200)
                    .body("changedLines", equalTo(0));
        }
        as(Tokens.withGroups("auditor:elsewhere")).queryParams(query).get(diffOf(siteKey)).then().statusCode(404);
        as(Tokens.noRole()).queryParams(query).get(diffOf(siteKey)).then().statusCode(403);
    }

    @Test
    void withinTheLineBoundIdenticalWhollyDifferentAndOneLineChangedVersionsAreComparedExactly() {
        String siteKey = Api.createSite();
        // Six heading, title and url lines and the content: a side of exactly the bound.
        String atTheBound = numbered("Clause ", MAX_LINES - 6);
        String v1 = publish(siteKey, "1", atTheBound, null);
        String v2 = publish(siteKey, "2", atTheBound.replace("Clause 5000\n", "Clause 5000, amended\n"), null);
        String v3 = publish(siteKey, "3", "Something\nelse\nentirely", null);

        asAdmin().queryParams(Map.of("from", v1, "to", v1)).get(diffOf(siteKey)).then()
                .log().ifValidationFails(LogDetail.ALL).statusCode(200)
                .body("rows.size()", equalTo(MAX_LINES)).body("changedLines", equalTo(0));
        asAdmin().queryParams(Map.of("from", v1, "to", v2)).get(diffOf(siteKey)).then().statusCode(200)
                .body("rows.size()", equalTo(MAX_LINES)).body("changedLines", equalTo(1))
                .body("rows.find { it.tag != 'EQUAL' }.tag", equalTo("CHANGE"))
                .body("rows.find { it.tag != 'EQUAL' }.left", equalTo("Clause 5000"))
                .body("rows.find { it.tag != 'EQUAL' }.right", equalTo("Clause 5000, amended"));
        asAdmin().queryParams(Map.of("from", v3, "to", v1)).get(diffOf(siteKey)).then().statusCode(200)
                .body("rows.size()", equalTo(MAX_LINES)).body("changedLines", equalTo(MAX_LINES - 6))
                .body("rows[5].tag", equalTo("CHANGE")).body("rows[5].left", equalTo("Something"))
                .body("rows[8].tag", equalTo("INSERT")).body("rows[8].left", equalTo(""));
    }

    @Test
    void aSideWithMoreLinesThanTheBoundIsRefusedNamingItAndTheBound() {
        String siteKey = Api.createSite();
        String small = publish(siteKey, "1", "Short", null);
        String large = publish(siteKey, "2", numbered("Clause ", MAX_LINES - 5), null);

        for (String side : List.of("from", "to")) {
            Map<String, String> query = side.equals("from") ? Map.of("from", large, "to", small)
                    : Map.of("from", small, "to", large);
            asAuditor().queryParams(query).get(diffOf(siteKey)).then().log().ifValidationFails(LogDetail.ALL)
                    .statusCode(422).contentType("application/problem+json")
                    .body("type", equalTo("/problems/limit-exceeded")).body("status", equalTo(422))
                    .body("detail", equalTo("A compared text may have at most 10000 lines; " + side + " has 10001"))
                    .body("errors.field", contains(side))
                    .body("errors[0].message", equalTo("has 10001 lines, more than the diff's bound of 10000"));
        }
    }

    private static String numbered(String prefix, int lines) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < lines; i++) {
            text.append(prefix).append(i).append('\n');
        }
        return text.toString();
    }

    private static String translate(String siteKey, String versionId, String content) {
        return asAdmin().body(Map.of("language", "de", "title", "Datenschutz", "url", "https://www.example.com/de",
                        "content", content))
                .post("/api/v1/admin/sites/" + siteKey + "/policy-versions/" + versionId + "/translations")
                .then().statusCode(201).extract().path("id");
    }

    private static void refused(String siteKey, Map<String, String> query, String field) {
        asAdmin().queryParams(query).get(diffOf(siteKey)).then().log().ifValidationFails(LogDetail.ALL)
                .statusCode(400).contentType("application/problem+json").body("errors.field", contains(field));
    }

    private static RequestSpecification asAuditor() {
        return Api.asAuditor();
    }

    private static RequestSpecification as(String token) {
        return given().auth().oauth2(token);
    }
}
