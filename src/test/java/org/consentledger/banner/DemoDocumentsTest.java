package org.consentledger.banner;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.consentledger.bannertext.BuiltInTexts;
import org.consentledger.support.Api;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** The demo's documents come in every language the demo offers, so no banner mixes in English. */
@QuarkusTest
class DemoDocumentsTest {

    @Test
    void inEveryBuiltInLanguageTheDemosDocumentsAndEeaAddendumAreInThatLanguage() {
        Map<String, String> english = titles(notice("en"));
        String englishAddendum = notice("en").getString("documents.find { it.kind == 'PRIVACY_POLICY' }.eeaAddendum");
        assertThat(english).containsKeys("PRIVACY_POLICY", "TERMS_OF_USE");

        for (String language : BuiltInTexts.LANGUAGES.stream().filter(l -> !l.equals("en")).toList()) {
            JsonPath notice = notice(language);
            List<Map<String, Object>> documents = notice.getList("documents");
            assertThat(documents).as(language).hasSize(2).allSatisfy(d -> {
                assertThat(d.get("language")).as(language + " " + d.get("kind")).isEqualTo(language);
                assertThat(d.get("title")).as(language + " " + d.get("kind")).isNotEqualTo(english.get(d.get("kind")));
                assertThat((String) d.get("url")).as(language + " " + d.get("kind")).contains("lang=" + language);
            });
            assertThat(notice.getString("documents.find { it.kind == 'PRIVACY_POLICY' }.eeaAddendum")).as(language)
                    .isNotBlank().isNotEqualTo(englishAddendum);
        }
        assertThat(titles(notice("de"))).containsEntry("PRIVACY_POLICY", "Datenschutzerklärung der Demo");
        assertThat(titles(notice("pl"))).containsEntry("PRIVACY_POLICY", "Polityka prywatności demo");
    }

    private static JsonPath notice(String language) {
        return Api.fromCountry("DE").queryParam("lang", language).get("/api/v1/sites/" + DemoSite.SITE_KEY + "/notice")
                .then().log().ifValidationFails().statusCode(200).extract().jsonPath();
    }

    private static Map<String, String> titles(JsonPath notice) {
        List<Map<String, Object>> documents = notice.getList("documents");
        return documents.stream().collect(java.util.stream.Collectors.toMap(d -> (String) d.get("kind"), d -> (String) d.get("title")));
    }
}
