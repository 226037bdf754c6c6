package org.consentledger.notice.refused;

import java.time.Instant;

/** One origin the site's banner API refused: how often, and when first and last. */
public record RefusedOriginView(String origin, long count, Instant firstSeen, Instant lastSeen) {
}
