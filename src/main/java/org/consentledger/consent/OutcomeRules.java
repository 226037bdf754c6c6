package org.consentledger.consent;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import org.consentledger.consent.Outcome.Basis;
import org.consentledger.consent.Outcome.Grant;
import org.consentledger.jurisdiction.Jurisdiction;
import org.consentledger.site.Site;

/**
 * The consent rules. In the EEA closing a banner or browsing on is not consent to non-essential
 * cookies (EDPB Guidelines 05/2020, CJEU C-673/17 Planet49), so there those acts acknowledge the
 * notice and grant only what is strictly necessary. A Global Privacy Control signal rules out
 * marketing under any implied act; explicit choices stand as made.
 */
public final class OutcomeRules {

    static final String MARKETING = "marketing";

    private OutcomeRules() {
    }

    /**
     * @param siteCategories the site's optional categories
     * @param impliedCategories what an implied act grants outside the EEA
     * @param chosen the categories picked, for PREFERENCES_SAVED
     * @param shown the policy versions shown with the event
     */
    public static Outcome decide(EventType type, List<String> siteCategories, List<String> impliedCategories,
            Collection<String> chosen, Jurisdiction jurisdiction, boolean gpc, List<UUID> shown) {
        return switch (type) {
            case NOTICE_SHOWN -> new Outcome(Basis.NONE, new TreeMap<>(), List.of());
            case ACCEPT_ALL -> explicit(siteCategories, Set.copyOf(siteCategories), shown);
            case REJECT_ALL, WITHDRAWN -> explicit(siteCategories, Set.of(), shown);
            case PREFERENCES_SAVED -> explicit(siteCategories, Set.copyOf(chosen), shown);
            case BANNER_CLOSED, BROWSING_CONTINUED -> implied(siteCategories, impliedCategories, jurisdiction, gpc, shown);
        };
    }

    private static Outcome explicit(List<String> siteCategories, Set<String> granted, List<UUID> shown) {
        return new Outcome(Basis.EXPLICIT, grants(siteCategories, granted), List.copyOf(shown));
    }

    private static Outcome implied(List<String> siteCategories, List<String> impliedCategories,
            Jurisdiction jurisdiction, boolean gpc, List<UUID> shown) {
        Set<String> granted = new HashSet<>(jurisdiction.eea() ? List.of() : impliedCategories);
        if (gpc) {
            granted.remove(MARKETING);
        }
        return new Outcome(Basis.IMPLIED, grants(siteCategories, granted), List.copyOf(shown));
    }

    private static TreeMap<String, Grant> grants(List<String> siteCategories, Set<String> granted) {
        TreeMap<String, Grant> grants = new TreeMap<>();
        grants.put(Site.NECESSARY, Grant.GRANTED);
        for (String category : siteCategories) {
            grants.put(category, granted.contains(category) ? Grant.GRANTED : Grant.DENIED);
        }
        return grants;
    }
}
