package org.consentledger.policy;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A version as admins see it: its own text, in {@code language}, and the translations added since. */
public record PolicyVersionResponse(UUID id, String siteKey, PolicyKind kind, String version, String title, String url,
        String content, String eeaAddendum, boolean material, String changeSummary, Instant effectiveAt,
        Instant publishedAt, String publishedBy, String sha256, String language, List<TranslationResponse> translations) {

    static PolicyVersionResponse from(PolicyVersion v, String siteKey, String siteLanguage,
            List<PolicyTranslation> translations) {
        return new PolicyVersionResponse(v.id, siteKey, v.kind, v.version, v.title, v.url, v.content, v.eeaAddendum,
                v.material, v.changeSummary, v.effectiveAt, v.publishedAt, v.publishedBy, v.sha256,
                v.languageOr(siteLanguage), translations.stream().map(TranslationResponse::from).toList());
    }
}
