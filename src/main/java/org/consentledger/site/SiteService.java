package org.consentledger.site;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.consentledger.adminlog.AdminLog;
import org.consentledger.common.ApiException;
import org.consentledger.common.LanguageTags;
import org.consentledger.jurisdiction.Regimes;
import org.consentledger.security.SiteGrants;
import org.consentledger.signals.SiteSignals;

@ApplicationScoped
public class SiteService {

    @Inject SiteRepository sites;
    @Inject AdminLog adminLog;
    @Inject Event<SiteChanged> siteChanged;
    @Inject Clock clock;
    @Inject Regimes regimes;
    @Inject SiteRetention retention;

    @Transactional
    public SiteResponse create(SiteRequest request, String actor) {
        if (sites.findByKey(request.siteKey()).isPresent()) {
            throw ApiException.conflict("A site with this siteKey already exists");
        }
        Site site = new Site();
        site.id = UUID.randomUUID();
        site.siteKey = request.siteKey();
        site.name = request.name().trim();
        site.origins = SiteRules.origins(request.origins() == null ? List.of() : request.origins());
        site.categories = SiteRules.optionalCategories(
                request.categories() == null ? Site.DEFAULT_CATEGORIES : request.categories());
        site.impliedConsentCategories = request.impliedConsentCategories() == null ? site.categories
                : SiteRules.impliedCategories(request.impliedConsentCategories(), site.categories);
        site.defaultLanguage = request.defaultLanguage() == null ? Site.DEFAULT_LANGUAGE
                : LanguageTags.require("defaultLanguage", request.defaultLanguage());
        site.saleOrShareCategories = SiteRules.saleOrShareCategories(request.saleOrShareCategories(), site.categories);
        site.regimeOverrides = overrides(request.regimeOverrides());
        site.retentionMonths = retention.check(request.retentionMonths());
        site.signals = request.signals() == null ? SiteSignals.DEFAULTS : request.signals().normalized();
        site.ukAnalyticsExemption = Boolean.TRUE.equals(request.ukAnalyticsExemption());
        site.createdAt = Instant.now(clock);
        site.updatedAt = site.createdAt;
        sites.persist(site);
        retention.makeRoomFor(site.retentionMonths);
        SiteResponse created = SiteResponse.from(site);
        adminLog.record(actor, "SITE_CREATED", "SITE", site.siteKey, null, created);
        return created;
    }

    public List<SiteResponse> list(SiteGrants grants) {
        return sites.listByKey(grants).stream().map(SiteResponse::from).toList();
    }

    public SiteResponse get(String siteKey) {
        return SiteResponse.from(sites.require(siteKey));
    }

    @Transactional
    public SiteResponse update(String siteKey, SiteUpdateRequest request, String actor) {
        Site site = sites.require(siteKey);
        SiteResponse before = SiteResponse.from(site);
        List<String> categories = SiteRules.optionalCategories(request.categories());
        site.name = request.name().trim();
        site.origins = SiteRules.origins(request.origins());
        site.categories = categories;
        site.impliedConsentCategories = SiteRules.impliedCategories(request.impliedConsentCategories(), categories);
        if (request.defaultLanguage() != null) {
            site.defaultLanguage = LanguageTags.require("defaultLanguage", request.defaultLanguage());
        }
        site.saleOrShareCategories = SiteRules.saleOrShareCategories(request.saleOrShareCategories(), categories);
        site.regimeOverrides = overrides(request.regimeOverrides());
        site.retentionMonths = retention.check(request.retentionMonths());
        if (request.signals() != null) {
            site.signals = request.signals().normalized();
        }
        if (request.ukAnalyticsExemption() != null) {
            site.ukAnalyticsExemption = request.ukAnalyticsExemption();
        }
        site.updatedAt = Instant.now(clock);
        retention.makeRoomFor(site.retentionMonths);
        SiteResponse after = SiteResponse.from(site);
        adminLog.record(actor, "SITE_UPDATED", "SITE", siteKey, before, after);
        siteChanged.fire(new SiteChanged(site.id));
        return after;
    }

    /** Absent: none. Each must name a regime of the current rules and make things no looser. */
    private Map<String, String> overrides(Map<String, String> requested) {
        Map<String, String> overrides = requested == null ? Map.of() : new TreeMap<>(requested);
        regimes.checkOverrides(overrides);
        return overrides;
    }
}
