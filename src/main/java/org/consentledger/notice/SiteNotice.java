package org.consentledger.notice;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import org.consentledger.jurisdiction.Regime;
import org.consentledger.policy.VersionFacts;
import org.consentledger.signals.SiteSignals;
import org.consentledger.site.SiteResponse.CategoryView;

/**
 * What the public endpoints need to know about a site, read once and cached: its settings, the
 * policy versions current when it was read, and the facts of every published version. Valid until {@code validUntil}, which is never
 * later than the moment a scheduled version takes effect.
 */
public record SiteNotice(UUID siteId, String siteKey, List<String> origins, List<String> categories,
        List<String> impliedConsentCategories, List<String> saleOrShareCategories, Map<String, String> regimeOverrides,
        List<CategoryView> categoryViews, List<NoticeDocument> documents, List<VersionFacts> versions,
        Instant validUntil, NoticeLanguages languages, Map<Object, String> noticeIds, Integer retentionMonths,
        SiteSignals signals, boolean ukAnalyticsExemption) {

    /** The noticeId of a rendering, computed once per cached snapshot of the site. */
    String noticeId(Object rendering, Function<Object, String> compute) {
        return noticeIds.computeIfAbsent(rendering, compute);
    }

    /**
     * The categories this visitor's regime lets the site set without consent, where the site took
     * the exemption: analytics for a UK visitor under rules version 2 or later.
     */
    public List<String> exemptCategories(Regime regime) {
        if (!ukAnalyticsExemption) {
            return List.of();
        }
        return regime.exemptCategories().stream().filter(categories::contains).toList();
    }

    public boolean allowsOrigin(String origin) {
        return origins.contains(origin.toLowerCase(java.util.Locale.ROOT));
    }

    /** Whether the site ever published this version (current, superseded or scheduled). */
    public boolean publishes(UUID versionId) {
        return versions.stream().anyMatch(v -> v.id().equals(versionId));
    }

    public List<UUID> documentIds() {
        return documents.stream().map(NoticeDocument::id).toList();
    }
}
