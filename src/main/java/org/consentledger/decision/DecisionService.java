package org.consentledger.decision;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.consentledger.consent.VisitorConsentService;
import org.consentledger.consent.VisitorConsentService.Standings;
import org.consentledger.identity.UserIds;
import org.consentledger.notice.SiteNotice;
import org.consentledger.notice.SiteNotices;

/**
 * The decisions of a site's subjects, from the standing decisions the banner's consent read uses
 * too: a visitor id linked to an account, and the account itself, stand by the person's decision.
 */
@ApplicationScoped
public class DecisionService {

    @Inject SiteNotices sites;
    @Inject VisitorConsentService visitors;
    @Inject UserIds userIds;

    /**
     * One answer per subject, in the same order, in the same few statements however many they
     * are (see {@link VisitorConsentService#standings}); 404 for an unknown site.
     */
    public List<DecisionResponse> decisions(String siteKey, List<Subject> subjects) {
        SiteNotice site = sites.forSite(siteKey);
        List<UUID> visitorIds = subjects.stream().map(Subject::visitorId).filter(Objects::nonNull).distinct().toList();
        Map<String, String> hashes = new LinkedHashMap<>();
        subjects.stream().map(Subject::userId).filter(Objects::nonNull)
                .forEach(userId -> hashes.computeIfAbsent(userId, id -> userIds.hash(site.siteId(), id)));
        Standings standings = visitors.standings(site, visitorIds, List.copyOf(hashes.values()));
        return subjects.stream().map(s -> DecisionResponse.of(site, s, s.visitorId() != null
                ? standings.byVisitor().get(s.visitorId()) : standings.byUser().get(hashes.get(s.userId())))).toList();
    }
}
