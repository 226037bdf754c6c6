package org.consentledger.notice;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.consentledger.common.LanguageTags;
import org.consentledger.edge.ClientOrigin;
import org.consentledger.edge.RateLimits;
import org.consentledger.jurisdiction.Jurisdiction;
import org.consentledger.jurisdiction.JurisdictionResolver;
import org.consentledger.jurisdiction.Regimes;

/**
 * What both entries to the banner's notice do, {@link NoticeResource} (requests with a token) and
 * {@link NoticeRoute} (the others): the same checks in the same order, the same choice and rendering.
 */
@ApplicationScoped
class NoticeRequests {

    @Inject SiteNotices notices;
    @Inject JurisdictionResolver jurisdictions;
    @Inject BannerCors cors;
    @Inject RateLimits limits;
    @Inject Regimes regimes;

    /**
     * The visitor's notice, loading the site and rules where they are not held: blocking. The
     * caller has admitted the client ({@link RateLimits#admitClient}) and resolved the location.
     */
    Notice render(String siteKey, Jurisdiction location, String lang, UnaryOperator<String> header, ClientOrigin client) {
        SiteNotice site = notices.forSite(siteKey);
        admit(site, client, header);
        return notices.forVisitor(site, regimes.choose(location, site.regimeOverrides()), preferences(lang, header));
    }

    /** The origin before the site's limit, which a foreign page must not spend. */
    void admit(SiteNotice site, ClientOrigin client, UnaryOperator<String> header) {
        cors.requireAllowedOrigin(site, header.apply("Origin"), client);
        limits.admitSite(NoticeResource.ROUTE, client, site.siteKey(), 1);
    }

    /** The visitor's languages, best first: {@code ?lang=}, else Accept-Language. Read after the origin's check. */
    static List<String> preferences(String lang, UnaryOperator<String> header) {
        return lang == null || lang.isBlank() ? LanguageTags.fromAcceptLanguage(header.apply("Accept-Language"))
                : List.of(LanguageTags.require("lang", lang));
    }

    /** The request headers an answer varies by: the trusted location headers, and Accept-Language. */
    String vary() {
        List<String> vary = new ArrayList<>(jurisdictions.trustedHeaders());
        vary.add("Accept-Language");
        return String.join(", ", vary);
    }
}
