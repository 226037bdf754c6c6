package org.consentledger.site;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.consentledger.signals.SiteSignals;

public record SiteResponse(String siteKey, String name, List<String> origins, List<CategoryView> categories,
        List<String> impliedConsentCategories, List<String> saleOrShareCategories, Map<String, String> regimeOverrides,
        String defaultLanguage, Integer retentionMonths, SiteSignals signals, boolean ukAnalyticsExemption,
        Instant createdAt, Instant updatedAt) {

    /** A category as the banner offers it; {@code saleOrShare}: an opt-out of sale or sharing denies it. */
    public record CategoryView(String key, boolean required, boolean saleOrShare) {
    }

    static SiteResponse from(Site site) {
        return new SiteResponse(site.siteKey, site.name, List.copyOf(site.origins), categoryViews(site),
                List.copyOf(site.impliedConsentCategories), List.copyOf(site.saleOrShareCategories),
                new TreeMap<>(site.regimeOverrides), site.defaultLanguage, site.retentionMonths, signals(site),
                site.ukAnalyticsExemption, site.createdAt, site.updatedAt);
    }

    /** A site created before V29 holds {}: its defaults. */
    public static SiteSignals signals(Site site) {
        return site.signals == null ? SiteSignals.DEFAULTS : site.signals.normalized();
    }

    public static List<CategoryView> categoryViews(Site site) {
        var views = new java.util.ArrayList<CategoryView>();
        views.add(new CategoryView(Site.NECESSARY, true, false));
        site.categories.forEach(key -> views.add(new CategoryView(key, false, site.saleOrShareCategories.contains(key))));
        return List.copyOf(views);
    }
}
