package org.consentledger.policy;

import java.time.Instant;
import java.util.UUID;

public record PolicyVersionResponse(UUID id, String siteKey, PolicyKind kind, String version, String title, String url,
        String content, String eeaAddendum, boolean material, String changeSummary, Instant effectiveAt,
        Instant publishedAt, String publishedBy, String sha256) {

    static PolicyVersionResponse from(PolicyVersion v, String siteKey) {
        return new PolicyVersionResponse(v.id, siteKey, v.kind, v.version, v.title, v.url, v.content, v.eeaAddendum,
                v.material, v.changeSummary, v.effectiveAt, v.publishedAt, v.publishedBy, v.sha256);
    }
}
