package org.consentledger.common;

import io.vertx.core.http.HttpServerRequest;

/**
 * A request refused in a way an attacker's probing produces: today every 401 and 403, which
 * {@link ProblemMappers} and the security package's {@code AccessProblemMappers} report. Whoever
 * refuses a request for another such reason (a 404 that hides a site outside the caller's scope, a
 * 429) fires one too, once per request; the security log writes it. {@code clientAddress} is the
 * full address: only its truncated prefix is logged. The path is as {@link LoggedPaths} shows it.
 * It lives here, not in the security package, because the error mappers that every feature relies
 * on fire it.
 */
public record SecurityEvent(int status, String reason, String method, String path, String clientAddress) {

    /** The refusal of {@code request}; the security log keeps neither the token nor the full address. */
    public static SecurityEvent of(int status, String reason, HttpServerRequest request) {
        String address = request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
        return new SecurityEvent(status, reason, request.method().name(), LoggedPaths.of(request.path()), address);
    }
}
