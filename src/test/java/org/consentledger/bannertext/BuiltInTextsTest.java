package org.consentledger.bannertext;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.consentledger.common.ClasspathResources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The banner codes against these keys, so every shipped language must have all of them and no others. */
class BuiltInTextsTest {

    @ParameterizedTest
    @ValueSource(strings = { "en", "de", "fr", "es", "it", "nl", "pl", "pt" })
    void everyBuiltInLanguageHasATextForExactlyTheBannersKeys(String language) throws Exception {
        Map<String, String> texts = new ObjectMapper().readValue(
                ClasspathResources.read("banner-texts/" + language + ".json"), new TypeReference<Map<String, String>>() {
                });

        assertThat(texts.keySet()).containsExactlyInAnyOrderElementsOf(BuiltInTexts.KEYS);
        assertThat(texts.values()).allSatisfy(text -> assertThat(text).isNotBlank());
        assertThat(BuiltInTexts.has(language)).isTrue();
        assertThat(BuiltInTexts.of(language)).isEqualTo(texts);
    }

    @Test
    void theKeysAreTheOnesTheBannerDeveloperCodesAgainst() {
        assertThat(BuiltInTexts.KEYS).containsExactly("heading", "bodyExplicit", "bodyImplied", "bodyOptOut", "acceptAll",
                "rejectAll", "choose", "manageChoices", "saveChoices", "withdraw", "close", "categoriesLegend",
                "alwaysOn", "gpcRespected", "optOut", "optedOut", "receiptDownload", "documentsIntro");
    }

    @Test
    void theTranslationsAreNotEnglishLeftUntranslated() {
        for (String language : BuiltInTexts.LANGUAGES) {
            if (!language.equals("en")) {
                assertThat(BuiltInTexts.of(language).get("acceptAll")).as(language)
                        .isNotEqualTo(BuiltInTexts.of("en").get("acceptAll"));
                assertThat(BuiltInTexts.of(language).get("bodyExplicit")).as(language)
                        .isNotEqualTo(BuiltInTexts.of("en").get("bodyExplicit"));
            }
        }
        assertThat(BuiltInTexts.of("de").get("optOut")).contains("nicht verkaufen");
        assertThat(BuiltInTexts.of("en").get("optOut")).isEqualTo("Do Not Sell or Share My Personal Information");
    }

    @Test
    void aLanguageWithoutBuiltInTextsGetsEnglishOverlaidByTheSitesOwn() {
        Map<String, String> merged = BuiltInTexts.merged("sv", Map.of("heading", "Dina val"));

        assertThat(merged.keySet()).containsExactlyElementsOf(BuiltInTexts.KEYS);
        assertThat(merged).containsEntry("heading", "Dina val")
                .containsEntry("acceptAll", BuiltInTexts.of("en").get("acceptAll"));
    }
}
