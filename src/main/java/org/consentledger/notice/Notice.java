package org.consentledger.notice;

import java.util.List;

import org.consentledger.jurisdiction.Jurisdiction;
import org.consentledger.site.SiteResponse.CategoryView;

/** What the banner fetches: the versions to show, how to ask, and the categories to offer. */
public record Notice(String siteKey, String noticeId, Jurisdiction jurisdiction, Mode mode,
        List<NoticeDocument> documents, List<CategoryView> categories) {

    /** EXPLICIT in the EEA, where only an affirmative act is consent; IMPLIED elsewhere. */
    public enum Mode {
        EXPLICIT,
        IMPLIED
    }

    /** The notice for this visitor, without its noticeId, which only its rendering decides. */
    static Notice of(SiteNotice site, Jurisdiction jurisdiction) {
        List<NoticeDocument> documents = jurisdiction.eea() ? site.documents()
                : site.documents().stream().map(NoticeDocument::withoutAddendum).toList();
        return new Notice(site.siteKey(), null, jurisdiction,
                jurisdiction.eea() ? Mode.EXPLICIT : Mode.IMPLIED, documents, site.categoryViews());
    }

    Notice withNoticeId(String id) {
        return new Notice(siteKey, id, jurisdiction, mode, documents, categories);
    }
}
