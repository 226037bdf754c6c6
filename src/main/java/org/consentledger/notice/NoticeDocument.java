package org.consentledger.notice;

import java.time.Instant;
import java.util.UUID;

import org.consentledger.policy.PolicyKind;
import org.consentledger.policy.PolicyVersion;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A current policy version as the banner shows it. {@code eeaAddendum} is sent only to EEA visitors. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NoticeDocument(UUID id, PolicyKind kind, String version, String title, String url, String sha256,
        boolean material, Instant effectiveAt, String eeaAddendum) {

    static NoticeDocument from(PolicyVersion v) {
        return new NoticeDocument(v.id, v.kind, v.version, v.title, v.url, v.sha256, v.material, v.effectiveAt,
                v.eeaAddendum);
    }

    NoticeDocument withoutAddendum() {
        return new NoticeDocument(id, kind, version, title, url, sha256, material, effectiveAt, null);
    }
}
