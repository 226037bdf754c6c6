package org.consentledger.banner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.consentledger.common.ClasspathResources;
import org.consentledger.policy.PolicyKind;
import org.consentledger.policy.PolicyService;
import org.consentledger.policy.PolicyVersionRequest;
import org.consentledger.policy.PolicyVersionResponse;
import org.consentledger.policy.TranslationRequest;
import org.consentledger.policy.TranslationResponse;
import org.consentledger.policy.TranslationService;
import org.consentledger.site.SiteRepository;
import org.consentledger.site.SiteRequest;
import org.consentledger.site.SiteResponse;
import org.consentledger.site.SiteResponse.CategoryView;
import org.consentledger.site.SiteService;
import org.consentledger.site.SiteUpdateRequest;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.StartupEvent;

/**
 * With the demo on, makes sure at start that the site "demo" exists with a privacy policy and
 * terms of use, each translated into every language the demo offers (demo/documents.json), through
 * the same services an admin uses (so the admin log shows it). A demo site from before the
 * translations gets them at its next start.
 */
@ApplicationScoped
class DemoSite {

    static final String SITE_KEY = "demo";
    private static final String ACTOR = "demo-setup";
    /** As many origins as a site may have (SiteUpdateRequest). */
    private static final int MAX_ORIGINS = 50;
    private static final String VERSION = "1.0";
    private static final Logger LOG = Logger.getLogger(DemoSite.class);

    /** A document's text in one language. */
    record Text(String title, String content, String eeaAddendum) {
    }

    @Inject DemoConfig config;
    @Inject SiteRepository siteRepository;
    @Inject SiteService sites;
    @Inject PolicyService policies;
    @Inject TranslationService translations;

    void onStart(@Observes StartupEvent start) {
        if (!config.enabled()) {
            return;
        }
        List<String> origins = config.origins();
        if (siteRepository.findByKey(SITE_KEY).isEmpty()) {
            sites.create(new SiteRequest(SITE_KEY, "Demo site", origins, null, null, null, null, null, null, null, null), ACTOR);
        } else {
            addOrigins(origins);
        }
        String page = origins.get(0) + "/demo/privacy.html";
        Map<PolicyKind, Map<String, Text>> documents = documents();
        publish(PolicyKind.PRIVACY_POLICY, page, "#privacy", documents.get(PolicyKind.PRIVACY_POLICY));
        publish(PolicyKind.TERMS_OF_USE, page, "#terms", documents.get(PolicyKind.TERMS_OF_USE));
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
                site.retentionMonths(), null, null), ACTOR);
    }

    /** Version 1.0 in English, unless the kind has a version already, then every translation it lacks. */
    private void publish(PolicyKind kind, String page, String anchor, Map<String, Text> texts) {
        if (policies.list(SITE_KEY, kind).isEmpty()) {
            Text english = texts.get("en");
            policies.publish(SITE_KEY, new PolicyVersionRequest(kind, VERSION, english.title(), page + anchor,
                    english.content(), english.eeaAddendum(), true, "First version", null, null), ACTOR);
        }
        PolicyVersionResponse first = policies.list(SITE_KEY, kind).stream().filter(v -> v.version().equals(VERSION))
                .findFirst().orElse(null);
        if (first == null) {
            return; // an admin replaced the demo's documents: they are theirs to translate
        }
        Set<String> translated = first.translations().stream().map(TranslationResponse::language).collect(Collectors.toSet());
        texts.forEach((language, text) -> {
            if (!language.equals(first.language()) && !translated.contains(language)) {
                translations.add(SITE_KEY, first.id(), new TranslationRequest(language, text.title(),
                        page + "?lang=" + language + anchor, text.content(), text.eeaAddendum()), ACTOR);
            }
        });
    }

    private static Map<PolicyKind, Map<String, Text>> documents() {
        try {
            return new ObjectMapper().readValue(ClasspathResources.read("demo/documents.json"),
                    new TypeReference<Map<PolicyKind, Map<String, Text>>>() {
                    });
        } catch (IOException e) {
            throw new UncheckedIOException("Unreadable demo/documents.json", e);
        }
    }
}
