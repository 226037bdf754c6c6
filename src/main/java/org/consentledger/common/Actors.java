package org.consentledger.common;

import java.security.Principal;

import jakarta.ws.rs.core.SecurityContext;

import org.eclipse.microprofile.jwt.JsonWebToken;

public final class Actors {

    private Actors() {
    }

    /** The token's subject: who is recorded as having made an admin change. */
    public static String of(SecurityContext security) {
        Principal principal = security.getUserPrincipal();
        if (principal instanceof JsonWebToken jwt && jwt.getSubject() != null) {
            return jwt.getSubject();
        }
        return principal.getName();
    }
}
