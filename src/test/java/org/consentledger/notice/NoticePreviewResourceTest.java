package org.consentledger.notice;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.consentledger.support.Api.asAdmin;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;

import java.util.HashMap;
import java.util.Map;

import jakarta.inject.Inject;

import javax.sql.DataSource;

import org.consentledger.support.Api;
import org.consentledger.support.Rows;
import org.consentledger.support.Tokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.filter.log.LogDetail;

@QuarkusTest
class NoticePreviewResourceTest {

    @Inject
    DataSource dataSource;

    private static String previewOf(String siteKey) {
        return "/api/v1/admin/sites/" + siteKey + "/notice-preview";
    }

    private long renderings(String siteKey) {
        return Rows.count(dataSource, "select count(*) from rendered_notice r join site s on s.id = r.site_id "
                + "where s.site_key = ?", siteKey);
    }

    @Test
    void theEeaPreviewIsWhatAVisitorInTheRegimesFirstCountryGetsAndNothingIsStored() {
        String siteKey = Api.siteWithPolicies();

        Map<String, Object> preview = new HashMap<>(asAdmin().queryParam("regime", "EEA").get(previewOf(siteKey))
                .then().log().ifValidationFails(LogDetail.ALL).statusCode(200)
                .body("preview", equalTo(true))
                .body("regime", equalTo("EEA"))
                .body("mode", equalTo("EXPLICIT"))
                .body("jurisdiction.country", equalTo("AT"))
                .body("jurisdiction.eea", equalTo(true))
                .body("noticeId", matchesPattern("[0-9a-f]{64}"))
                .body("documents.eeaAddendum", everyItem(equalTo("Information for individuals in the EEA")))
                .extract().jsonPath().getMap(""));
        assertThat(renderings(siteKey)).isZero();

        Map<String, Object> served = Api.fromCountry("AT").get("/api/v1/sites/" + siteKey + "/notice")
                .then().statusCode(200).extract().jsonPath().getMap("");
        assertThat(preview.remove("preview")).isEqualTo(true);
        assertThat(preview).isEqualTo(served);
        assertThat(renderings(siteKey)).isEqualTo(1);
    }

    @Test
    void eachRegimeIsPreviewedWithItsOwnModeAndLocation() {
        String siteKey = Api.siteWithPolicies();
        asAdmin().queryParam("regime", "us-opt-out").get(previewOf(siteKey)).then().statusCode(200)
                .body("regime", equalTo("US-OPT-OUT")).body("mode", equalTo("OPT_OUT"))
                .body("jurisdiction.region", equalTo("US-CA")).body("jurisdiction.eea", equalTo(false))
                .body("documents.eeaAddendum", everyItem(nullValue()));
        asAdmin().queryParam("regime", "NOTICE").get(previewOf(siteKey)).then().statusCode(200)
                .body("mode", equalTo("IMPLIED")).body("jurisdiction.eea", equalTo(false));
        asAdmin().queryParam("regime", "DEFAULT").get(previewOf(siteKey)).then().statusCode(200)
                .body("mode", equalTo("EXPLICIT")).body("jurisdiction.country", nullValue())
                .body("jurisdiction.source", equalTo("DEFAULT"));
        asAdmin().queryParam("regime", "UK").get(previewOf(siteKey)).then().statusCode(200)
                .body("jurisdiction.country", equalTo("GB"));
        assertThat(renderings(siteKey)).isZero();
    }

    @Test
    void aLanguageGivesTheBannerTextsInIt() {
        String siteKey = Api.siteWithPolicies();
        String english = asAdmin().queryParam("regime", "EEA").get(previewOf(siteKey)).then().statusCode(200)
                .body("language", equalTo("en")).extract().path("texts.heading");
        String german = asAdmin().queryParams(Map.of("regime", "EEA", "lang", "de")).get(previewOf(siteKey))
                .then().statusCode(200).body("language", equalTo("de")).extract().path("texts.heading");
        assertThat(german).isNotBlank().isNotEqualTo(english);
        assertThat(renderings(siteKey)).isZero();
    }

    @Test
    void badParametersNameTheFieldAndOnlyTheSitesAdminsMayPreview() {
        String siteKey = Api.siteWithPolicies();
        asAdmin().get(previewOf(siteKey)).then().statusCode(400).body("errors.field", contains("regime"));
        asAdmin().queryParam("regime", "MARS").get(previewOf(siteKey)).then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", contains("regime"));
        asAdmin().queryParams(Map.of("regime", "EEA", "lang", "not a tag")).get(previewOf(siteKey)).then()
                .statusCode(400).body("errors.field", contains("lang"));
        asAdmin().queryParam("regime", "EEA").get(previewOf("no-such-site")).then().statusCode(404);
        given().auth().oauth2(Tokens.auditor()).queryParam("regime", "EEA").get(previewOf(siteKey)).then()
                .statusCode(403);
        given().auth().oauth2(Tokens.withGroups("admin:elsewhere")).queryParam("regime", "EEA").get(previewOf(siteKey))
                .then().statusCode(404);
        given().auth().oauth2(Tokens.withGroups("admin:" + siteKey)).queryParam("regime", "EEA").get(previewOf(siteKey))
                .then().statusCode(200);
        assertThat(renderings(siteKey)).isZero();
    }
}
