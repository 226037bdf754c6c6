package org.consentledger.policy;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.consentledger.adminlog.AdminLog;
import org.consentledger.common.ApiException;
import org.consentledger.common.LanguageTags;
import org.consentledger.site.Site;
import org.consentledger.site.SiteChanged;
import org.consentledger.site.SiteRepository;

/** Adds translations to published versions. A translation is never changed; a new version supersedes it. */
@ApplicationScoped
public class TranslationService {

    @Inject SiteRepository sites;
    @Inject PolicyVersionRepository versions;
    @Inject PolicyTranslationRepository translations;
    @Inject AdminLog adminLog;
    @Inject Event<SiteChanged> siteChanged;
    @Inject Clock clock;

    @Transactional
    public TranslationResponse add(String siteKey, UUID versionId, TranslationRequest request, String actor) {
        String language = LanguageTags.require("language", request.language());
        // The site's row is locked so that two admins adding the same language get one 201 and one 409.
        Site site = sites.findById(sites.require(siteKey).id, LockModeType.PESSIMISTIC_WRITE);
        PolicyVersion v = versions.requireOn(site.id, versionId);
        if (language.equals(v.languageOr(site.defaultLanguage))) {
            throw ApiException.conflict("The version itself is in " + language);
        }
        if (translations.exists(v.id, language)) {
            throw ApiException.conflict("This version already has a translation in " + language);
        }
        PolicyTranslation t = new PolicyTranslation();
        t.id = UUID.randomUUID();
        t.policyVersionId = v.id;
        t.language = language;
        t.title = request.title().trim();
        t.url = request.url();
        t.content = request.content();
        t.eeaAddendum = request.eeaAddendum();
        t.publishedAt = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
        t.publishedBy = actor;
        t.sha256 = PolicyHash.ofTranslation(v, t.title, t.url, t.content, t.eeaAddendum);
        translations.persist(t);
        adminLog.record(actor, "POLICY_TRANSLATION_ADDED", "POLICY_TRANSLATION", t.id.toString(), null,
                Map.of("id", t.id, "policyVersionId", v.id, "siteKey", siteKey, "language", language, "sha256", t.sha256));
        siteChanged.fire(new SiteChanged(site.id));
        return TranslationResponse.from(t);
    }

    /** The version's text in one of its languages: its own, or a translation; 404 for any other. */
    public TranslationResponse inLanguage(String siteKey, UUID versionId, String language) {
        Site site = sites.require(siteKey);
        PolicyVersion v = versions.requireOn(site.id, versionId);
        String wanted = LanguageTags.require("language", language);
        if (wanted.equals(v.languageOr(site.defaultLanguage))) {
            return new TranslationResponse(v.id, v.id, wanted, v.title, v.url, v.content, v.eeaAddendum,
                    v.publishedAt, v.publishedBy, v.sha256);
        }
        return translations.ofVersions(List.of(v.id)).getOrDefault(v.id, List.of()).stream()
                .filter(t -> t.language.equals(wanted))
                .findFirst()
                .map(TranslationResponse::from)
                .orElseThrow(() -> ApiException.notFound("This version has no text in " + wanted));
    }
}
