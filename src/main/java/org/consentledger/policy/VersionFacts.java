package org.consentledger.policy;

import java.time.Instant;
import java.util.UUID;

/** What reconsent decisions need to know of a published version, without its text. */
public record VersionFacts(UUID id, PolicyKind kind, boolean material, Instant effectiveAt, Instant publishedAt) {

    public static VersionFacts of(PolicyVersion v) {
        return new VersionFacts(v.id, v.kind, v.material, v.effectiveAt, v.publishedAt);
    }
}
