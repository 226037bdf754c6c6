package org.consentledger.site;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

import org.consentledger.adminlog.AdminLog;
import org.consentledger.common.ApiException;

@ApplicationScoped
public class SiteService {

    private final AdminLog adminLog;
    private final Event<SiteChanged> siteChanged;

    SiteService(AdminLog adminLog, Event<SiteChanged> siteChanged) {
        this.adminLog = adminLog;
        this.siteChanged = siteChanged;
    }

    @Transactional
    public SiteResponse create(SiteRequest request, String actor) {
        if (Site.findByKey(request.siteKey()).isPresent()) {
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
        site.createdAt = Instant.now();
        site.updatedAt = site.createdAt;
        site.persist();
        SiteResponse created = SiteResponse.from(site);
        adminLog.record(actor, "SITE_CREATED", "SITE", site.siteKey, null, created);
        return created;
    }

    public List<SiteResponse> list() {
        return Site.<Site>listAll(io.quarkus.panache.common.Sort.by("siteKey")).stream().map(SiteResponse::from).toList();
    }

    public SiteResponse get(String siteKey) {
        return SiteResponse.from(require(siteKey));
    }

    @Transactional
    public SiteResponse update(String siteKey, SiteUpdateRequest request, String actor) {
        Site site = require(siteKey);
        SiteResponse before = SiteResponse.from(site);
        List<String> categories = SiteRules.optionalCategories(request.categories());
        site.name = request.name().trim();
        site.origins = SiteRules.origins(request.origins());
        site.categories = categories;
        site.impliedConsentCategories = SiteRules.impliedCategories(request.impliedConsentCategories(), categories);
        site.updatedAt = Instant.now();
        SiteResponse after = SiteResponse.from(site);
        adminLog.record(actor, "SITE_UPDATED", "SITE", siteKey, before, after);
        siteChanged.fire(new SiteChanged(site.id));
        return after;
    }

    public static Site require(String siteKey) {
        return Site.findByKey(siteKey).orElseThrow(() -> ApiException.notFound("No site with this siteKey"));
    }
}
