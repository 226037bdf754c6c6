package org.consentledger.policy;

import java.time.Instant;
import java.util.UUID;

public record TranslationResponse(UUID id, UUID policyVersionId, String language, String title, String url,
        String content, String eeaAddendum, Instant publishedAt, String publishedBy, String sha256) {

    static TranslationResponse from(PolicyTranslation t) {
        return new TranslationResponse(t.id, t.policyVersionId, t.language, t.title, t.url, t.content, t.eeaAddendum,
                t.publishedAt, t.publishedBy, t.sha256);
    }
}
