package org.consentledger.common;

/**
 * A request refused in a way an attacker's probing produces: today every 401 and 403, which
 * {@link ProblemMappers} reports. Whoever refuses a request for another such reason (a 404 that
 * hides a site outside the caller's scope, a 429) fires one too, once per request; the security
 * log writes it. {@code clientAddress} is the full address: only its truncated prefix is logged.
 */
public record SecurityEvent(int status, String reason, String method, String path, String clientAddress) {
}
