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
 * What an admin sends to create a site. {@code categories} defaults to functional, analytics and
 * marketing; {@code impliedConsentCategories} defaults to all of them; {@code saleOrShareCategories}
 * to marketing when the site has it; {@code regimeOverrides} to none; {@code signals} to
 * {@link SiteSignals#DEFAULTS}; {@code ukAnalyticsExemption} to off.
 */
public record SiteRequest(
        @NotNull @Pattern(regexp = SiteRules.SITE_KEY, message = "must match [a-z0-9-]{3,64}") String siteKey,
        @NotBlank @Size(max = 200) String name,
        @Size(max = 50) List<@NotNull @Pattern(regexp = SiteRules.ORIGIN, message = "must be an origin such as https://www.example.com") String> origins,
        @Size(max = 20) List<@NotNull @Pattern(regexp = SiteRules.CATEGORY, message = "must match [a-z][a-z0-9_-]{1,31}") String> categories,
        @Size(max = 20) List<@NotNull String> impliedConsentCategories,
        @Size(max = 20) List<@NotNull String> saleOrShareCategories,
        @Size(max = 300) Map<@NotNull String, @NotNull String> regimeOverrides,
        String defaultLanguage,
        Integer retentionMonths,
        @Valid SiteSignals signals,
        Boolean ukAnalyticsExemption) {
}
