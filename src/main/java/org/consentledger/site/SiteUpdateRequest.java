package org.consentledger.site;

import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.consentledger.signals.SiteSignals;

/**
 * A full replacement of a site's settings; the site key never changes. A null defaultLanguage,
 * signals or ukAnalyticsExemption keeps the current one.
 */
public record SiteUpdateRequest(
        @NotBlank @Size(max = 200) String name,
        @NotNull @Size(max = 50) List<@NotNull @Pattern(regexp = SiteRules.ORIGIN, message = "must be an origin such as https://www.example.com") String> origins,
        @NotNull @Size(max = 20) List<@NotNull @Pattern(regexp = SiteRules.CATEGORY, message = "must match [a-z][a-z0-9_-]{1,31}") String> categories,
        @NotNull @Size(max = 20) List<@NotNull String> impliedConsentCategories,
        @Size(max = 20) List<@NotNull String> saleOrShareCategories,
        @Size(max = 300) Map<@NotNull String, @NotNull String> regimeOverrides,
        String defaultLanguage,
        Integer retentionMonths,
        @Valid SiteSignals signals,
        Boolean ukAnalyticsExemption) {
}
