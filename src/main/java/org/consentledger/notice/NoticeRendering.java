package org.consentledger.notice;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.consentledger.banner.BannerScript;
import org.consentledger.site.SiteResponse.CategoryView;
import org.consentledger.verify.NoticeRenderings;

/**
 * What a notice showed, as the plain map whose canonical JSON is hashed into its noticeId. It
 * holds everything the banner puts on screen and nothing about the visitor: all visitors shown
 * the same thing share one rendering, and the visitor's country stays on their own events.
 */
final class NoticeRendering {

    private NoticeRendering() {
    }

    static Map<String, Object> of(Notice notice, String bannerScriptSha256) {
        Map<String, Object> rendering = new LinkedHashMap<>();
        rendering.put("format", NoticeRenderings.FORMAT);
        rendering.put("v", NoticeRenderings.VERSION);
        rendering.put("siteKey", notice.siteKey());
        rendering.put("regime", notice.regime());
        rendering.put("rulesVersion", (long) notice.rulesVersion());
        rendering.put("mode", notice.mode().name());
        rendering.put("language", notice.language());
        rendering.put("texts", new TreeMap<>(notice.texts()));
        rendering.put("documents", notice.documents().stream().map(NoticeRendering::document).toList());
        rendering.put("categories", categories(notice.categories()));
        // Added with the UK's analytics exemption: only when there is one, so earlier renderings hash as they did.
        if (!notice.exemptCategories().isEmpty()) {
            rendering.put("exemptCategories", List.copyOf(notice.exemptCategories()));
        }
        rendering.put("bannerScript", Map.of("path", BannerScript.PATH,
                "sha256", bannerScriptSha256));
        return rendering;
    }

    private static Map<String, Object> document(NoticeDocument d) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("id", d.id().toString());
        document.put("kind", d.kind().name());
        document.put("language", d.language());
        if (d.translationId() != null) {
            document.put("translationId", d.translationId().toString());
        }
        document.put("version", d.version());
        document.put("title", d.title());
        document.put("url", d.url());
        document.put("sha256", d.sha256());
        document.put("material", d.material());
        document.put("effectiveAt", d.effectiveAt().toString());
        document.put("eeaAddendum", d.eeaAddendum());
        return document;
    }

    private static List<Map<String, Object>> categories(List<CategoryView> categories) {
        return categories.stream().map(c -> {
            Map<String, Object> category = new LinkedHashMap<>();
            category.put("key", c.key());
            category.put("required", c.required());
            category.put("saleOrShare", c.saleOrShare());
            return category;
        }).toList();
    }
}
