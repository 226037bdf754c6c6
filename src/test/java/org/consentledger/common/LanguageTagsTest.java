package org.consentledger.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class LanguageTagsTest {

    @Test
    void tagsAreNormalisedToTheirCanonicalCase() {
        assertThat(LanguageTags.normalise("DE-at")).contains("de-AT");
        assertThat(LanguageTags.normalise("pt-br")).contains("pt-BR");
        assertThat(LanguageTags.normalise("zh-hant-tw")).contains("zh-Hant-TW");
    }

    @Test
    void malformedTagsAreRefusedNamingTheField() {
        for (String bad : new String[] { "", "d", "english-language", "de_AT", "12", "de--AT", "x-private",
                "de-AT-" + "a".repeat(40) }) {
            assertThat(LanguageTags.normalise(bad)).as(bad).isEmpty();
        }
        assertThatThrownBy(() -> LanguageTags.require("language", "de_AT"))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.errors()).extracting(FieldError::field).containsExactly("language");
                });
    }

    @Test
    void acceptLanguageIsOrderedByQualityAndTiesKeepTheHeaderOrder() {
        assertThat(LanguageTags.fromAcceptLanguage("fr;q=0.5, de-AT, en;q=0.8, it;q=0.8, es;q=0, *;q=0.1, b@d"))
                .containsExactly("de-AT", "en", "it", "fr");
        assertThat(LanguageTags.fromAcceptLanguage("nl;q=oops, pl")).containsExactly("pl");
        assertThat(LanguageTags.fromAcceptLanguage(null)).isEmpty();
    }

    @Test
    void theBestLanguageIsTheExactTagThenItsPrimarySubtag() {
        List<String> available = List.of("en", "de", "de-CH", "pt-BR");
        assertThat(LanguageTags.best(List.of("de-CH"), available)).contains("de-CH");
        assertThat(LanguageTags.best(List.of("de-AT"), available)).contains("de");
        assertThat(LanguageTags.best(List.of("pt"), available)).contains("pt-BR");
        assertThat(LanguageTags.best(List.of("ja", "de-AT", "en"), available)).contains("de");
        assertThat(LanguageTags.best(List.of("ja"), available)).isEmpty();
    }
}
