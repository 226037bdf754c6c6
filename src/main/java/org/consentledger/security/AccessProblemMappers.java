package org.consentledger.security;

import jakarta.enterprise.event.Event;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.consentledger.common.ProblemMappers;
import org.consentledger.common.SecurityEvent;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpServerRequest;

/**
 * The 401 and 403 answers to Quarkus security's refusals, as problem+json like every other error
 * ({@link ProblemMappers}), each reported to the security log with the reason {@link TokenRules}
 * gives.
 */
public class AccessProblemMappers {

    private final Event<SecurityEvent> security;

    AccessProblemMappers(Event<SecurityEvent> security) {
        this.security = security;
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, UriInfo uri, HttpServerRequest request) {
        security.fire(SecurityEvent.of(401, TokenRules.reasonOf(e), request));
        return unauthorized(uri);
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, UriInfo uri, HttpServerRequest request) {
        security.fire(SecurityEvent.of(401, "no-token", request));
        return unauthorized(uri);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri, HttpServerRequest request) {
        security.fire(SecurityEvent.of(403, "missing-role", request));
        return ProblemMappers.problem(403, "forbidden", "Forbidden", "Your token does not grant the role this needs", uri,
                null);
    }

    private static Response unauthorized(UriInfo uri) {
        return Response.fromResponse(ProblemMappers.problem(401, "unauthorized", "Unauthorized",
                "A valid bearer token is required", uri, null))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }
}
