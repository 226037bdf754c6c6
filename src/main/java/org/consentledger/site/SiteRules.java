package org.consentledger.site;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

import org.consentledger.common.ApiException;

/** Checks on site settings that span several fields. */
final class SiteRules {

    static final String SITE_KEY = "[a-z0-9-]{3,64}";
    /** A host name has at most 253 characters, so an origin is bounded too. */
    static final String ORIGIN = "https?://[A-Za-z0-9.-]{1,253}(:[0-9]{1,5})?";
    static final String CATEGORY = "[a-z][a-z0-9_-]{1,31}";

    static final String DEFAULT_SALE_OR_SHARE = "marketing";

    private SiteRules() {
    }

    /** Drops "necessary" (always granted) and duplicates, keeping the admin's order. */
    static List<String> optionalCategories(List<String> requested) {
        List<String> categories = new ArrayList<>(new LinkedHashSet<>(requested));
        categories.remove(Site.NECESSARY);
        return List.copyOf(categories);
    }

    static List<String> impliedCategories(List<String> requested, List<String> categories) {
        List<String> implied = new ArrayList<>(new LinkedHashSet<>(requested));
        implied.remove(Site.NECESSARY);
        for (String key : implied) {
            if (!categories.contains(key)) {
                throw ApiException.invalid("impliedConsentCategories", "'" + key + "' is not one of the site's categories");
            }
        }
        return List.copyOf(implied);
    }

    /** Default: marketing, when the site has that category. */
    static List<String> saleOrShareCategories(List<String> requested, List<String> categories) {
        if (requested == null) {
            return categories.contains(DEFAULT_SALE_OR_SHARE) ? List.of(DEFAULT_SALE_OR_SHARE) : List.of();
        }
        List<String> saleOrShare = List.copyOf(new LinkedHashSet<>(requested));
        for (String key : saleOrShare) {
            if (!categories.contains(key)) {
                throw ApiException.invalid("saleOrShareCategories", "'" + key + "' is not one of the site's optional categories");
            }
        }
        return saleOrShare;
    }

    static List<String> origins(List<String> requested) {
        return requested.stream().map(origin -> origin.toLowerCase(java.util.Locale.ROOT)).distinct().toList();
    }
}
