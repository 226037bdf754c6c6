package org.consentledger.notice;

import java.time.Instant;
import java.util.UUID;

import org.consentledger.policy.PolicyKind;
import org.consentledger.policy.PolicyTranslation;
import org.consentledger.policy.PolicyVersion;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A current policy version as the banner shows it, in {@code language}: its own text, or the
 * translation {@code translationId}. {@code eeaAddendum} is sent only to EEA visitors.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NoticeDocument(UUID id, PolicyKind kind, String version, String title, String url, String sha256,
        boolean material, Instant effectiveAt, String eeaAddendum, String language, UUID translationId) {

    static NoticeDocument from(PolicyVersion v, String siteLanguage) {
        return new NoticeDocument(v.id, v.kind, v.version, v.title, v.url, v.sha256, v.material, v.effectiveAt,
                v.eeaAddendum, v.languageOr(siteLanguage), null);
    }

    /** The same version in another language: the translation's own title, url, sha256 and addendum. */
    NoticeDocument translatedAs(PolicyTranslation t) {
        return new NoticeDocument(id, kind, version, t.title, t.url, t.sha256, material, effectiveAt, t.eeaAddendum,
                t.language, t.id);
    }

    NoticeDocument withoutAddendum() {
        return new NoticeDocument(id, kind, version, title, url, sha256, material, effectiveAt, null, language, translationId);
    }
}
