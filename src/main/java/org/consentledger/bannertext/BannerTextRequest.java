package org.consentledger.bannertext;

import java.util.Map;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** A site's texts for one language: any of {@link BuiltInTexts#KEYS}; the rest stay built in. */
public record BannerTextRequest(
        @NotBlank @Size(max = 35) String language,
        @NotNull Map<String, String> texts) {
}
