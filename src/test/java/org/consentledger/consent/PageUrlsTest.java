package org.consentledger.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.consentledger.common.ApiException;
import org.consentledger.common.FieldError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PageUrlsTest {

    @ParameterizedTest
    @CsvSource({
            "https://www.example.com/checkout?email=a@b.example#step2, https://www.example.com/checkout",
            "HTTPS://WWW.Example.COM/Path/Is/Kept, https://www.example.com/Path/Is/Kept",
            "http://example.com:8080/a/b, http://example.com:8080/a/b",
            "https://example.com, https://example.com/",
            "https://example.com?q=1, https://example.com/",
            "https://user:secret@example.com/p, https://example.com/p",
            "'  https://example.com/x  ', https://example.com/x" })
    void onlyTheOriginAndPathAreKept(String pageUrl, String kept) {
        assertThat(PageUrls.originAndPath(pageUrl)).isEqualTo(kept);
    }

    @ParameterizedTest
    @ValueSource(strings = { "javascript:alert(1)", "ftp://example.com/file", "/relative/path", "example.com/page",
            "data:text/html,hi", "https://exa mple.com/", "mailto:a@b.example" })
    void anythingButAnAbsoluteHttpUrlIsRejectedNamingTheField(String pageUrl) {
        assertThatThrownBy(() -> PageUrls.originAndPath(pageUrl))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.errors()).extracting(FieldError::field).containsExactly("pageUrl");
                });
    }

    @Test
    void noUrlIsStoredAsNothing() {
        assertThat(PageUrls.originAndPath(null)).isNull();
        assertThat(PageUrls.originAndPath("  ")).isNull();
    }
}
