package org.consentledger.decision;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.consentledger.consent.VisitorConsentService;
import org.consentledger.consent.VisitorConsentService.Standing;
import org.consentledger.notice.SiteNotice;
import org.consentledger.notice.SiteNotices;

/** The decisions of a site's subjects, from the standing decisions the banner's consent read uses too. */
@ApplicationScoped
public class DecisionService {

    private final SiteNotices sites;
    private final VisitorConsentService visitors;

    DecisionService(SiteNotices sites, VisitorConsentService visitors) {
        this.sites = sites;
        this.visitors = visitors;
    }

    /** One answer per subject, in the same order, read in one statement; 404 for an unknown site. */
    public List<DecisionResponse> decisions(String siteKey, List<Subject> subjects) {
        SiteNotice site = sites.forSite(siteKey);
        List<UUID> visitorIds = subjects.stream().map(Subject::visitorId).distinct().toList();
        Map<UUID, Standing> standings = visitors.standings(site, visitorIds);
        return subjects.stream().map(s -> DecisionResponse.of(site, s, standings.get(s.visitorId()))).toList();
    }
}
