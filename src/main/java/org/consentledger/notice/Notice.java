package org.consentledger.notice;

import java.util.List;

import org.consentledger.jurisdiction.Jurisdiction;
import org.consentledger.jurisdiction.Mode;
import org.consentledger.jurisdiction.RegimeChoice;
import org.consentledger.site.SiteResponse.CategoryView;

/**
 * What the banner fetches: the versions to show, how to ask (the regime, the rules version that
 * chose it, and its mode: EXPLICIT, OPT_OUT or IMPLIED), and the categories to offer.
 */
public record Notice(String siteKey, String noticeId, Jurisdiction jurisdiction, String regime, int rulesVersion,
        Mode mode, List<NoticeDocument> documents, List<CategoryView> categories) {

    static Notice of(SiteNotice site, RegimeChoice choice) {
        Jurisdiction jurisdiction = choice.jurisdiction();
        List<NoticeDocument> documents = jurisdiction.eea() ? site.documents()
                : site.documents().stream().map(NoticeDocument::withoutAddendum).toList();
        return new Notice(site.siteKey(), site.noticeId(), jurisdiction, jurisdiction.regime(),
                jurisdiction.rulesVersion(), choice.regime().mode(), documents, site.categoryViews());
    }
}
