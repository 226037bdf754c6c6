package org.consentledger.policy;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A policy version's text in another language. Kind, label and effective date are the version's. */
public record TranslationRequest(
        @NotBlank @Size(max = 35) String language,
        @NotBlank @Size(max = 300) String title,
        @NotNull @Size(max = 2048) @Pattern(regexp = "https?://\\S+", message = "must be an absolute http(s) URL") String url,
        @NotBlank @Size(max = 1_000_000) String content,
        @Size(max = 200_000) String eeaAddendum) {
}
