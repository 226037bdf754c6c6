package org.consentledger.banner;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.consentledger.policy.PolicyKind;
import org.consentledger.policy.PolicyService;
import org.consentledger.policy.PolicyVersionRequest;
import org.consentledger.site.SiteRepository;
import org.consentledger.site.SiteRequest;
import org.consentledger.site.SiteResponse;
import org.consentledger.site.SiteResponse.CategoryView;
import org.consentledger.site.SiteService;
import org.consentledger.site.SiteUpdateRequest;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

/**
 * With the demo on, makes sure at start that the site "demo" exists with a privacy policy and
 * terms of use, through the same services an admin uses (so the admin log shows it).
 */
@ApplicationScoped
class DemoSite {

    static final String SITE_KEY = "demo";
    private static final String ACTOR = "demo-setup";
    /** As many origins as a site may have (SiteUpdateRequest). */
    private static final int MAX_ORIGINS = 50;
    private static final Logger LOG = Logger.getLogger(DemoSite.class);

    private final DemoConfig config;
    private final SiteRepository siteRepository;
    private final SiteService sites;
    private final PolicyService policies;

    DemoSite(DemoConfig config, SiteRepository siteRepository, SiteService sites, PolicyService policies) {
        this.config = config;
        this.siteRepository = siteRepository;
        this.sites = sites;
        this.policies = policies;
    }

    void onStart(@Observes StartupEvent start) {
        if (!config.enabled()) {
            return;
        }
        List<String> origins = config.origins();
        if (siteRepository.findByKey(SITE_KEY).isEmpty()) {
            sites.create(new SiteRequest(SITE_KEY, "Demo site", origins, null, null, null, null, null, null), ACTOR);
        } else {
            addOrigins(origins);
        }
        String pages = origins.get(0) + "/demo/privacy.html";
        if (policies.list(SITE_KEY, PolicyKind.PRIVACY_POLICY).isEmpty()) {
            policies.publish(SITE_KEY, new PolicyVersionRequest(PolicyKind.PRIVACY_POLICY, "1.0", "Demo Privacy Policy",
                    pages + "#privacy", "The demo site stores a visitor id cookie and, with consent, runs analytics.",
                    "Visitors in the EEA may withdraw consent at any time through Cookie settings.", true,
                    "First version", null, null), ACTOR);
        }
        if (policies.list(SITE_KEY, PolicyKind.TERMS_OF_USE).isEmpty()) {
            policies.publish(SITE_KEY, new PolicyVersionRequest(PolicyKind.TERMS_OF_USE, "1.0", "Demo Terms of Use",
                    pages + "#terms", "Use the demo site to try the banner.", null, true, "First version", null, null), ACTOR);
        }
        LOG.infof("Demo site: open %s/demo/", origins.get(0));
    }

    /**
     * A demo site made by an earlier start on another port takes this start's origins too, first,
     * so that its banner works wherever the service runs now. The oldest go past the site's limit.
     */
    private void addOrigins(List<String> origins) {
        SiteResponse site = sites.get(SITE_KEY);
        if (site.origins().containsAll(origins)) {
            return;
        }
        Set<String> merged = new LinkedHashSet<>(origins);
        merged.addAll(site.origins());
        List<String> categories = site.categories().stream().filter(c -> !c.required()).map(CategoryView::key).toList();
        sites.update(SITE_KEY, new SiteUpdateRequest(site.name(), merged.stream().limit(MAX_ORIGINS).toList(), categories,
                site.impliedConsentCategories(), site.saleOrShareCategories(), site.regimeOverrides(), site.defaultLanguage(),
                site.retentionMonths()), ACTOR);
    }
}
