package org.consentledger.notice;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.consentledger.support.Api.asAdmin;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.util.List;
import java.util.Map;

import org.consentledger.bannertext.BuiltInTexts;
import org.consentledger.support.Api;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** The notice answers in the visitor's language: its texts, and each document in the best language it has. */
@QuarkusTest
class NoticeLanguageTest {

    private static String noticeOf(String siteKey) {
        return "/api/v1/sites/" + siteKey + "/notice";
    }

    /** A site with a privacy policy translated into German and French, and terms of use in English only. */
    private static String siteWithGermanPrivacyPolicy() {
        String siteKey = Api.createSite();
        String privacy = Api.publish(siteKey, "PRIVACY_POLICY", "1.0", true);
        Api.publish(siteKey, "TERMS_OF_USE", "1.0", true);
        translate(siteKey, privacy, "de", "Datenschutzerklärung");
        translate(siteKey, privacy, "fr", "Politique de confidentialité");
        return siteKey;
    }

    private static void translate(String siteKey, String versionId, String language, String title) {
        asAdmin().body(Map.of("language", language, "title", title, "url", "https://www.example.com/" + language,
                        "content", title + " text"))
                .post("/api/v1/admin/sites/" + siteKey + "/policy-versions/" + versionId + "/translations")
                .then().statusCode(201);
    }

    private static Response notice(String siteKey, String acceptLanguage) {
        return Api.fromCountry("DE").header("Accept-Language", acceptLanguage).get(noticeOf(siteKey));
    }

    @Test
    void theLangParameterChoosesTheTextsAndEachDocumentFallsBackOnItsOwn() {
        String siteKey = siteWithGermanPrivacyPolicy();

        Api.fromCountry("DE").queryParam("lang", "de").header("Accept-Language", "fr").get(noticeOf(siteKey))
                .then().log().ifValidationFails().statusCode(200)
                .body("language", equalTo("de"))
                .body("texts.acceptAll", equalTo(BuiltInTexts.of("de").get("acceptAll")))
                .body("texts.keySet()", equalTo(new java.util.HashSet<>(BuiltInTexts.KEYS)))
                .body("documents.find { it.kind == 'PRIVACY_POLICY' }.language", equalTo("de"))
                .body("documents.find { it.kind == 'PRIVACY_POLICY' }.title", equalTo("Datenschutzerklärung"))
                .body("documents.find { it.kind == 'PRIVACY_POLICY' }.url", equalTo("https://www.example.com/de"))
                .body("documents.find { it.kind == 'TERMS_OF_USE' }.language", equalTo("en"))
                .body("documents.find { it.kind == 'TERMS_OF_USE' }.title", equalTo("TERMS_OF_USE 1.0"));
    }

    @Test
    void aTranslatedDocumentCarriesItsOwnFingerprint() {
        String siteKey = siteWithGermanPrivacyPolicy();
        String englishSha = notice(siteKey, "en").path("documents.find { it.kind == 'PRIVACY_POLICY' }.sha256");
        String germanSha = notice(siteKey, "de").path("documents.find { it.kind == 'PRIVACY_POLICY' }.sha256");

        assertThat(germanSha).matches("[0-9a-f]{64}").isNotEqualTo(englishSha);
    }

    @Test
    void acceptLanguageIsReadByItsQValues() {
        String siteKey = siteWithGermanPrivacyPolicy();

        notice(siteKey, "ja, fr;q=0.4, de;q=0.9").then().statusCode(200).body("language", equalTo("de"))
                .body("documents.find { it.kind == 'PRIVACY_POLICY' }.language", equalTo("de"));
        notice(siteKey, "de;q=0.3, fr").then().statusCode(200).body("language", equalTo("fr"))
                .body("texts.rejectAll", equalTo(BuiltInTexts.of("fr").get("rejectAll")))
                .body("documents.find { it.kind == 'PRIVACY_POLICY' }.language", equalTo("fr"));
    }

    @Test
    void aRegionalTagFallsBackToItsLanguage() {
        String siteKey = siteWithGermanPrivacyPolicy();

        notice(siteKey, "de-AT").then().statusCode(200).body("language", equalTo("de"))
                .body("documents.find { it.kind == 'PRIVACY_POLICY' }.language", equalTo("de"));
        Api.fromCountry("DE").queryParam("lang", "de-AT").get(noticeOf(siteKey))
                .then().statusCode(200).body("language", equalTo("de"));
    }

    @Test
    void anUnknownLanguageGetsTheSitesDefault() {
        String siteKey = Api.freshSiteKey();
        asAdmin().body(Map.of("siteKey", siteKey, "name", "Site", "defaultLanguage", "nl"))
                .post("/api/v1/admin/sites").then().statusCode(201);
        Api.publish(siteKey, "PRIVACY_POLICY", "1.0", true);

        notice(siteKey, "ja, ko;q=0.5").then().statusCode(200).body("language", equalTo("nl"))
                .body("texts.heading", equalTo(BuiltInTexts.of("nl").get("heading")))
                .body("documents[0].language", equalTo("nl"));
        Api.fromCountry("DE").get(noticeOf(siteKey)).then().statusCode(200).body("language", equalTo("nl"));
    }

    @Test
    void aBadLangParameterIsRefusedNamingIt() {
        String siteKey = Api.siteWithPolicies();

        Api.fromCountry("DE").queryParam("lang", "de_AT").get(noticeOf(siteKey))
                .then().statusCode(400).contentType("application/problem+json").body("errors.field", contains("lang"));
    }

    @Test
    void theSitesLatestOverrideSetIsMergedOverTheBuiltInTexts() {
        String siteKey = Api.siteWithPolicies();
        String texts = "/api/v1/admin/sites/" + siteKey + "/banner-texts";
        asAdmin().body(Map.of("language", "de", "texts", Map.of("heading", "Alt", "close", "Zu"))).post(texts)
                .then().statusCode(201);
        asAdmin().body(Map.of("language", "de", "texts", Map.of("heading", "Cookies bei Beispiel"))).post(texts)
                .then().statusCode(201);
        asAdmin().body(Map.of("language", "sv", "texts", Map.of("heading", "Dina val"))).post(texts)
                .then().statusCode(201);

        notice(siteKey, "de").then().statusCode(200).body("language", equalTo("de"))
                .body("texts.heading", equalTo("Cookies bei Beispiel"))
                .body("texts.close", equalTo(BuiltInTexts.of("de").get("close")))
                .body("texts.acceptAll", equalTo(BuiltInTexts.of("de").get("acceptAll")));
        notice(siteKey, "sv-SE").then().statusCode(200).body("language", equalTo("sv"))
                .body("texts.heading", equalTo("Dina val"))
                .body("texts.acceptAll", equalTo(BuiltInTexts.of("en").get("acceptAll")))
                .body("documents[0].language", equalTo("en"));
    }

    @Test
    void theEtagChangesWithLanguageAndTextsAndVaryNamesAcceptLanguage() {
        String siteKey = Api.siteWithPolicies();
        Response english = notice(siteKey, "en");
        english.then().statusCode(200).header("Vary", containsString("Accept-Language"));
        String englishTag = english.header("ETag");
        String germanTag = notice(siteKey, "de").header("ETag");
        assertThat(germanTag).isNotEqualTo(englishTag);
        Api.fromCountry("DE").header("Accept-Language", "en").header("If-None-Match", englishTag).get(noticeOf(siteKey))
                .then().statusCode(304);

        asAdmin().body(Map.of("language", "en", "texts", Map.of("heading", "Cookies, briefly")))
                .post("/api/v1/admin/sites/" + siteKey + "/banner-texts").then().statusCode(201);

        Response changed = notice(siteKey, "en");
        changed.then().statusCode(200).body("texts.heading", equalTo("Cookies, briefly"));
        assertThat(changed.header("ETag")).isNotEqualTo(englishTag);
        Api.fromCountry("DE").header("Accept-Language", "en").header("If-None-Match", englishTag).get(noticeOf(siteKey))
                .then().statusCode(200);
    }

    @Test
    void aTranslationAddedLaterIsServedAtOnce() {
        String siteKey = Api.createSite();
        String privacy = Api.publish(siteKey, "PRIVACY_POLICY", "1.0", true);
        notice(siteKey, "it").then().statusCode(200).body("language", equalTo("it"))
                .body("documents[0].language", equalTo("en"));

        translate(siteKey, privacy, "it", "Informativa sulla privacy");

        notice(siteKey, "it").then().statusCode(200)
                .body("documents[0].language", equalTo("it"))
                .body("documents[0].title", equalTo("Informativa sulla privacy"));
        given().get(noticeOf(siteKey)).then().statusCode(200)
                .body("documents.language", hasItem("en"))
                .body("documents.language", equalTo(List.of("en")));
    }
}
