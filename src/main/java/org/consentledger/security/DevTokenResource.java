package org.consentledger.security;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import java.time.Duration;
import java.util.Set;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.consentledger.common.ApiException;

import io.smallrye.jwt.build.Jwt;

/**
 * Local trial only (profile "local", which dev mode inherits): hands out admin, auditor and service
 * tokens, global or scoped to sites ({@code ?role=auditor:news-*}), signed with the key generated
 * at first start, so a newcomer can try the API without an identity provider. With
 * consent.dev-tokens.enabled off, as in production, it does not exist.
 */
@Path("/dev/token")
@PermitAll
public class DevTokenResource {

    private static final Set<String> ROLES = Set.of(Roles.ADMIN, Roles.AUDITOR, Roles.SERVICE);

    private final DevTokensConfig config;
    private final TokensConfig tokens;

    DevTokenResource(DevTokensConfig config, TokensConfig tokens) {
        this.config = config;
        this.tokens = tokens;
    }

    public record Token(String token, String role, long expiresInSeconds) {
    }

    @Operation(summary = "A development token", description = "Public: no token. Only in the local profile (consent.dev-tokens.enabled).")
    @APIResponse(responseCode = "200", description = "OK")
    @APIResponse(responseCode = "400", description = "Unknown role")
    @APIResponse(responseCode = "404", description = "Outside the local profile")
    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public Token issue(@QueryParam("role") String role, @QueryParam("subject") String subject) {
        if (!config.enabled()) {
            throw ApiException.notFound("Not found");
        }
        if (role == null || !isRole(role)) {
            throw ApiException.invalid("role", "must be admin, auditor or service, or one scoped to sites such as auditor:news-*");
        }
        // As long as the service accepts (consent.tokens.max-lifetime, 1 hour by default): fetch another after.
        Duration lifetime = tokens.maxLifetime();
        String token = Jwt.subject(subject == null || subject.isBlank() ? "dev-" + role : subject)
                .groups(role)
                .expiresIn(lifetime)
                .sign();
        return new Token(token, role, lifetime.toSeconds());
    }

    private static boolean isRole(String role) {
        return ROLES.contains(role) || ROLES.stream().anyMatch(granted -> SiteGrants.isScopedGroup(granted, role));
    }
}
