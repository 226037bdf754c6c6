package org.consentledger.notice.refused;

import java.time.Instant;

/**
 * One origin the site's banner API refused: how often, for how many distinct clients (counted up
 * to 50), and when first and last.
 */
public record RefusedOriginView(String origin, long count, int clients, Instant firstSeen, Instant lastSeen) {
}
