package org.consentledger.bannertext;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.consentledger.common.ClasspathResources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The banner codes against these keys, so every shipped language must have all of them and no others. */
class BuiltInTextsTest {

    /** The script's English fallback, for a notice without texts, says what the server's English says. */
    @Test
    void theBannersOwnEnglishIsTheServersEnglish() {
        String script = new String(ClasspathResources.read("banner/v1/banner.js"), StandardCharsets.UTF_8);
        String english = script.substring(script.indexOf("var EN = {"), script.indexOf("};", script.indexOf("var EN = {")));
        Map<String, String> inScript = new HashMap<>();
        Matcher pair = Pattern.compile("(\\w+): '((?:[^'\\\\]|\\\\.)*)'").matcher(english);
        while (pair.find()) {
            inScript.put(pair.group(1), pair.group(2).replace("\\'", "'"));
        }
        Map<String, String> server = new HashMap<>(BuiltInTexts.of("en"));
        // Only a notice with exemptCategories uses these, and the server always sends them with it:
        // the script does not carry them, to stay under its size (docs/banner.md, "Words").
        server.keySet().removeAll(List.of("exemptAnalytics", "objectAnalytics", "objectedAnalytics"));
        assertThat(inScript).isEqualTo(server);
    }

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
                "alwaysOn", "gpcRespected", "optOut", "optedOut", "receiptDownload", "documentsIntro", "withdrawn",
                "exemptAnalytics", "objectAnalytics", "objectedAnalytics");
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
