package org.consentledger.site;

import java.time.Instant;
import java.util.List;

public record SiteResponse(String siteKey, String name, List<String> origins, List<CategoryView> categories,
        List<String> impliedConsentCategories, String defaultLanguage, Instant createdAt, Instant updatedAt) {

    public record CategoryView(String key, boolean required) {
    }

    static SiteResponse from(Site site) {
        return new SiteResponse(site.siteKey, site.name, List.copyOf(site.origins), categoryViews(site),
                List.copyOf(site.impliedConsentCategories), site.defaultLanguage, site.createdAt, site.updatedAt);
    }

    public static List<CategoryView> categoryViews(Site site) {
        var views = new java.util.ArrayList<CategoryView>();
        views.add(new CategoryView(Site.NECESSARY, true));
        site.categories.forEach(key -> views.add(new CategoryView(key, false)));
        return List.copyOf(views);
    }
}
