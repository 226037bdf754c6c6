package org.consentledger.notice;

import java.util.List;
import java.util.Map;

import org.consentledger.jurisdiction.Jurisdiction;
import org.consentledger.site.SiteResponse.CategoryView;

/**
 * What the banner fetches: the versions to show, how to ask, and the categories to offer; with
 * the banner's texts in {@code language}, and each document in the best language it has.
 */
public record Notice(String siteKey, String noticeId, Jurisdiction jurisdiction, Mode mode,
        List<NoticeDocument> documents, List<CategoryView> categories, String language, Map<String, String> texts) {

    /** EXPLICIT in the EEA, where only an affirmative act is consent; IMPLIED elsewhere. */
    public enum Mode {
        EXPLICIT,
        IMPLIED
    }

    /**
     * The notice for this visitor, without its noticeId, which only its rendering decides.
     * {@code preferences}: the visitor's languages, best first.
     */
    static Notice of(SiteNotice site, Jurisdiction jurisdiction, List<String> preferences) {
        NoticeLanguages languages = site.languages();
        List<NoticeDocument> shown = site.documents().stream().map(d -> languages.document(d, preferences)).toList();
        List<NoticeDocument> documents = jurisdiction.eea() ? shown
                : shown.stream().map(NoticeDocument::withoutAddendum).toList();
        String language = languages.choose(preferences);
        return new Notice(site.siteKey(), null, jurisdiction,
                jurisdiction.eea() ? Mode.EXPLICIT : Mode.IMPLIED, documents, site.categoryViews(),
                language, languages.texts(language));
    }

    Notice withNoticeId(String id) {
        return new Notice(siteKey, id, jurisdiction, mode, documents, categories, language, texts);
    }
}
