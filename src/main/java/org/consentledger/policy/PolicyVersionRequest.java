package org.consentledger.policy;

import java.time.Instant;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A version to publish. {@code material} defaults to true: visitors accept again unless told
 * otherwise; {@code language} defaults to the site's default language.
 */
public record PolicyVersionRequest(
        @NotNull PolicyKind kind,
        @NotBlank @Size(max = 64) String version,
        @NotBlank @Size(max = 300) String title,
        @NotNull @Size(max = 2048) @Pattern(regexp = "https?://\\S+", message = "must be an absolute http(s) URL") String url,
        @NotBlank @Size(max = 1_000_000) String content,
        @Size(max = 200_000) String eeaAddendum,
        Boolean material,
        @Size(max = 10_000) String changeSummary,
        Instant effectiveAt,
        String language) {
}
