package org.consentledger.banner;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.consentledger.policy.PolicyKind;
import org.consentledger.policy.PolicyService;
import org.consentledger.policy.PolicyVersionRequest;
import org.consentledger.site.SiteRepository;
import org.consentledger.site.SiteRequest;
import org.consentledger.site.SiteService;
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
}
