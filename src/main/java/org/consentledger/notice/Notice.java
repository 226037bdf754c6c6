package org.consentledger.notice;

import java.util.List;
import java.util.Map;

import org.consentledger.jurisdiction.Jurisdiction;
import org.consentledger.jurisdiction.Mode;
import org.consentledger.jurisdiction.RegimeChoice;
import org.consentledger.signals.NoticeSignals;
import org.consentledger.site.SiteResponse.CategoryView;

/**
 * What the banner fetches: the versions to show, how to ask (the regime, the rules version that
 * chose it, and its mode: EXPLICIT, OPT_OUT or IMPLIED), the categories to offer and those set
 * without consent here ({@code exemptCategories}, with an objection instead); with the banner's
 * texts in {@code language}, each document in the best language it has, and the signals to give
 * ad and analytics platforms.
 */
public record Notice(String siteKey, String noticeId, Jurisdiction jurisdiction, String regime, int rulesVersion,
        Mode mode, List<NoticeDocument> documents, List<CategoryView> categories, List<String> exemptCategories,
        String language, Map<String, String> texts, NoticeSignals signals) {

    /**
     * The notice for this visitor, without its noticeId, which only its rendering decides.
     * {@code preferences}: the visitor's languages, best first.
     */
    static Notice of(SiteNotice site, RegimeChoice choice, List<String> preferences) {
        Jurisdiction jurisdiction = choice.jurisdiction();
        NoticeLanguages languages = site.languages();
        List<NoticeDocument> shown = site.documents().stream().map(d -> languages.document(d, preferences)).toList();
        List<NoticeDocument> documents = jurisdiction.eea() ? shown
                : shown.stream().map(NoticeDocument::withoutAddendum).toList();
        String language = languages.choose(preferences);
        return new Notice(site.siteKey(), null, jurisdiction, jurisdiction.regime(), jurisdiction.rulesVersion(),
                choice.regime().mode(), documents, site.categoryViews(), site.exemptCategories(choice.regime()), language,
                languages.texts(language), NoticeSignals.of(site.signals(), jurisdiction, choice.regime().mode()));
    }

    Notice withNoticeId(String id) {
        return new Notice(siteKey, id, jurisdiction, regime, rulesVersion, mode, documents, categories,
                exemptCategories, language, texts, signals);
    }
}
