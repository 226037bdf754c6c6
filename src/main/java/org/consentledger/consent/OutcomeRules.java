package org.consentledger.consent;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import org.consentledger.consent.Outcome.Basis;
import org.consentledger.consent.Outcome.Grant;
import org.consentledger.consent.Outcome.OptOut;
import org.consentledger.jurisdiction.Mode;
import org.consentledger.site.Site;

/**
 * The consent rules, by the regime's mode. Under EXPLICIT (the EEA, the UK, ...) closing a banner
 * or browsing on is not consent to non-essential cookies (EDPB Guidelines 05/2020, CJEU C-673/17
 * Planet49): those acts acknowledge the notice and grant only what is strictly necessary. Under
 * IMPLIED they grant the site's implied categories. Under OPT_OUT (US state laws) they grant them
 * too, except the sale-or-share categories once the visitor opted out or sends Global Privacy
 * Control, which those laws treat as an opt-out. GPC rules out marketing under any implied act;
 * explicit choices stand as made everywhere. Pure: whatever it needs is passed in.
 */
public final class OutcomeRules {

    static final String MARKETING = "marketing";

    /**
     * What the rules need to know about the site and the visitor's regime. {@code exemptCategories}:
     * those set without consent for this visitor (the UK's analytics exemption, on a site that took
     * it, for a visitor who has not objected); {@code grantedBefore}: what the visitor's latest
     * consent change granted, which an objection to them keeps.
     */
    public record Terms(Mode mode, List<String> categories, List<String> impliedCategories,
            List<String> saleOrShareCategories, List<String> exemptCategories, List<String> grantedBefore) {

        public Terms(Mode mode, List<String> categories, List<String> impliedCategories,
                List<String> saleOrShareCategories) {
            this(mode, categories, impliedCategories, saleOrShareCategories, List.of(), List.of());
        }
    }

    private OutcomeRules() {
    }

    /**
     * @param chosen the categories picked, for PREFERENCES_SAVED
     * @param optedOut whether the visitor opted out earlier (see {@link #optedOut}); only consulted
     *        when {@link #needsOptOutHistory} says so
     * @param shown the policy versions shown with the event
     */
    public static Outcome decide(EventType type, Terms terms, Collection<String> chosen, boolean gpc, boolean optedOut,
            List<UUID> shown) {
        return switch (type) {
            case NOTICE_SHOWN -> new Outcome(Basis.NONE, new TreeMap<>(), List.of());
            case ACCEPT_ALL -> explicit(terms, Set.copyOf(terms.categories()), shown);
            case REJECT_ALL, WITHDRAWN -> explicit(terms, Set.of(), shown);
            case PREFERENCES_SAVED -> explicit(terms, Set.copyOf(chosen), shown);
            case BANNER_CLOSED, BROWSING_CONTINUED -> implied(terms, gpc, optedOut, shown);
            case OPTED_OUT -> optOut(terms, gpc, shown);
        };
    }

    /** Whether the visitor's earlier opt-out matters to this event: an implied act under OPT_OUT without GPC. */
    public static boolean needsOptOutHistory(EventType type, Mode mode, boolean gpc) {
        return type.implied() && mode == Mode.OPT_OUT && !gpc;
    }

    /**
     * Whether a visitor whose latest consent change left this outcome objected to a category set
     * without consent: any of {@code exempt} denied, by an objection, a refusal or a choice.
     */
    public static boolean objected(Outcome latest, List<String> exempt) {
        return exempt.stream().anyMatch(category -> latest.categories().get(category) == Grant.DENIED);
    }

    /** The optional categories an outcome grants. */
    public static List<String> granted(Outcome outcome) {
        return outcome.categories().entrySet().stream()
                .filter(e -> e.getValue() == Grant.GRANTED && !e.getKey().equals(Site.NECESSARY))
                .map(Map.Entry::getKey).toList();
    }

    /** Whether a visitor whose latest consent change was this opted out of sale or sharing. */
    public static boolean optedOut(EventType latestType, Outcome latest, List<String> saleOrShareCategories) {
        return latestType == EventType.OPTED_OUT || saleOrShareCategories.stream()
                .anyMatch(category -> latest.categories().get(category) == Grant.DENIED);
    }

    private static Outcome explicit(Terms terms, Set<String> granted, List<UUID> shown) {
        return new Outcome(Basis.EXPLICIT, grants(terms.categories(), granted), List.copyOf(shown));
    }

    private static Outcome implied(Terms terms, boolean gpc, boolean optedOut, List<UUID> shown) {
        Set<String> granted = impliedGrants(terms, gpc);
        OptOut optOut = null;
        if (terms.mode() == Mode.OPT_OUT && (gpc || optedOut)) {
            granted.removeAll(terms.saleOrShareCategories());
            optOut = gpc ? OptOut.GPC : OptOut.VISITOR;
        }
        return new Outcome(Basis.IMPLIED, grants(terms.categories(), granted), List.copyOf(shown), optOut);
    }

    /**
     * An opt-out is the visitor's own act; the rest stays as an implied act would leave it. Sent
     * with a GPC signal (the banner sends it by itself then), it is recorded as the signal's. Where
     * categories are set without consent, it is the objection to them too, and keeps every other
     * category the visitor granted before.
     */
    private static Outcome optOut(Terms terms, boolean gpc, List<UUID> shown) {
        Set<String> granted = impliedGrants(terms, gpc);
        if (terms.exemptCategories().isEmpty()) {
            granted.removeAll(terms.saleOrShareCategories());
        } else {
            granted.addAll(terms.grantedBefore()); // an objection withdraws nothing else
            granted.removeAll(terms.exemptCategories());
        }
        return new Outcome(Basis.EXPLICIT, grants(terms.categories(), granted), List.copyOf(shown),
                gpc ? OptOut.GPC : OptOut.VISITOR);
    }

    private static Set<String> impliedGrants(Terms terms, boolean gpc) {
        Set<String> granted = new HashSet<>(terms.mode() == Mode.EXPLICIT ? List.of() : terms.impliedCategories());
        granted.addAll(terms.exemptCategories());
        if (gpc) {
            granted.remove(MARKETING);
        }
        return granted;
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
