package org.consentledger.security;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * What the console's sign-in page may offer besides pasting a token. It used to find out by
 * POSTing to /dev/token, which failed (400 or 404) in every browser's console on every visit.
 */
@Path("/api/v1/console/sign-in")
@PermitAll
public class SignInOptionsResource {

    @Inject DevTokensConfig devTokens;

    /** {@code devTokens}: whether POST /dev/token hands out trial tokens (the local profile). */
    public record SignInOptions(boolean devTokens) {
    }

    @Operation(summary = "The console's sign-in options", description = "Public: no token.")
    @APIResponse(responseCode = "200", description = "OK")
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public SignInOptions options() {
        return new SignInOptions(devTokens.enabled());
    }
}
