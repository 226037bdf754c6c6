package org.consentledger.policy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.consentledger.adminlog.AdminLog;
import org.consentledger.common.ApiException;
import org.consentledger.common.LanguageTags;
import org.consentledger.site.Site;
import org.consentledger.site.SiteChanged;
import org.consentledger.site.SiteRepository;

@ApplicationScoped
public class PolicyService {

    /** How far in the past an effectiveAt may lie, to allow for clock skew; older would back-date a policy. */
    static final Duration BACKDATING_TOLERANCE = Duration.ofMinutes(5);

    @Inject SiteRepository sites;
    @Inject PolicyVersionRepository versions;
    @Inject PolicyTranslationRepository translations;
    @Inject AdminLog adminLog;
    @Inject Event<SiteChanged> siteChanged;
    @Inject Event<PolicyPublished> policyPublished;
    @Inject Clock clock;

    @Transactional
    public PolicyVersionResponse publish(String siteKey, PolicyVersionRequest request, String actor) {
        Site site = sites.require(siteKey);
        Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
        Instant effectiveAt = request.effectiveAt() == null ? now : request.effectiveAt().truncatedTo(ChronoUnit.MICROS);
        if (effectiveAt.isBefore(now.minus(BACKDATING_TOLERANCE))) {
            throw ApiException.invalid("effectiveAt", "must not be in the past: a published version cannot be back-dated");
        }
        String language = request.language() == null ? site.defaultLanguage
                : LanguageTags.require("language", request.language());
        String version = request.version().trim();
        if (versions.labelTaken(site.id, request.kind(), version)) {
            throw ApiException.conflict("This site already has a " + request.kind() + " with this version label");
        }
        PolicyVersion v = new PolicyVersion();
        v.id = UUID.randomUUID();
        v.siteId = site.id;
        v.kind = request.kind();
        v.version = version;
        v.title = request.title().trim();
        v.url = request.url();
        v.content = request.content();
        v.eeaAddendum = request.eeaAddendum();
        v.material = request.material() == null || request.material();
        v.changeSummary = request.changeSummary();
        v.effectiveAt = effectiveAt;
        v.publishedAt = now;
        v.publishedBy = actor;
        v.sha256 = PolicyHash.of(v);
        v.language = language;
        versions.persist(v);
        PolicyVersionResponse published = PolicyVersionResponse.from(v, siteKey, site.defaultLanguage, List.of());
        adminLog.record(actor, "POLICY_VERSION_PUBLISHED", "POLICY_VERSION", v.id.toString(), null, summary(published));
        policyPublished.fire(new PolicyPublished(site.id, summary(published)));
        siteChanged.fire(new SiteChanged(site.id));
        return published;
    }

    public List<PolicyVersionResponse> list(String siteKey, PolicyKind kind) {
        Site site = sites.require(siteKey);
        List<PolicyVersion> found = versions.newestFirst(site.id, kind);
        Map<UUID, List<PolicyTranslation>> translated = translations.ofVersions(found.stream().map(v -> v.id).toList());
        return found.stream().map(v -> PolicyVersionResponse.from(v, siteKey, site.defaultLanguage,
                translated.getOrDefault(v.id, List.of()))).toList();
    }

    public PolicyVersionResponse get(String siteKey, UUID id) {
        Site site = sites.require(siteKey);
        PolicyVersion v = versions.requireOn(site.id, id);
        return PolicyVersionResponse.from(v, siteKey, site.defaultLanguage,
                translations.ofVersions(List.of(id)).getOrDefault(id, List.of()));
    }

    /** The admin log keeps the fingerprint, not a second copy of the full text. */
    private static Map<String, Object> summary(PolicyVersionResponse v) {
        return Map.of("id", v.id(), "siteKey", v.siteKey(), "kind", v.kind(), "version", v.version(),
                "material", v.material(), "effectiveAt", v.effectiveAt().toString(), "sha256", v.sha256(),
                "language", v.language());
    }
}
