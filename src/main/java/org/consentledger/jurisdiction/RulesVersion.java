package org.consentledger.jurisdiction;

import java.time.Instant;

/** A published, immutable version of the jurisdiction rules. */
public record RulesVersion(int version, RulesDocument rules, Instant publishedAt, String publishedBy) {
}
