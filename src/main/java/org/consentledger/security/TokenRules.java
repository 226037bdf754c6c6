package org.consentledger.security;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import org.eclipse.microprofile.jwt.Claims;
import org.jose4j.jwt.consumer.InvalidJwtException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.ParseException;

/**
 * Verifies bearer tokens as smallrye-jwt does (signature, issuer, expiry, audience), then refuses
 * what it lets through: a lifetime (exp - iat) over consent.tokens.max-lifetime, no iat, an iat
 * further in the future than the clock skew (mp.jwt.verify.clock.skew), and a "groups" claim that
 * is not an array of strings (smallrye-jwt would split a string on spaces into roles). Each refusal
 * is a 401 whose reason reaches the security log.
 */
@ApplicationScoped
@Alternative
@Priority(1)
public class TokenRules extends JWTCallerPrincipalFactory {

    /** A token that verifies but breaks one of these rules; {@code reason} is a fixed code. */
    public static final class Refused extends ParseException {

        private final String reason;

        Refused(String reason) {
            super("Token refused: " + reason);
            this.reason = reason;
        }

        public String reason() {
            return reason;
        }
    }

    private final DefaultJWTCallerPrincipalFactory verifier = new DefaultJWTCallerPrincipalFactory();
    private final Duration maxLifetime;
    private final Clock clock;
    private final ObjectMapper json;

    TokenRules(TokensConfig config, Clock clock, ObjectMapper json) {
        this.maxLifetime = config.maxLifetime();
        this.clock = clock;
        this.json = json;
    }

    @Override
    public JWTCallerPrincipal parse(String token, JWTAuthContextInfo context) throws ParseException {
        JWTCallerPrincipal principal = verifier.parse(token, context);
        Long issuedAt = seconds(principal.getClaim(Claims.iat.name()));
        if (issuedAt == null) {
            throw new Refused("token-without-iat");
        }
        if (issuedAt > clock.instant().getEpochSecond() + context.getClockSkew()) {
            throw new Refused("token-issued-in-the-future");
        }
        Long expires = seconds(principal.getClaim(Claims.exp.name()));
        if (expires == null || expires - issuedAt > maxLifetime.toSeconds()) {
            throw new Refused("token-lifetime-too-long");
        }
        JsonNode groups = payload(token).get(Claims.groups.name());
        if (groups != null && !(groups.isArray() && allText(groups))) {
            throw new Refused("token-groups-not-an-array");
        }
        return principal;
    }

    /** Why a token was not accepted, as a fixed code for the security log. */
    public static String reasonOf(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof Refused refused) {
                return refused.reason();
            }
            if (cause instanceof InvalidJwtException invalid && invalid.hasExpired()) {
                return "token-expired";
            }
        }
        return "invalid-token";
    }

    private static Long seconds(Object claim) {
        if (claim instanceof Number number) {
            return number.longValue();
        }
        if (claim instanceof jakarta.json.JsonNumber number) {
            return number.longValue();
        }
        return null;
    }

    /** The claims as signed (the verifier has already turned a string "groups" into a set). */
    private JsonNode payload(String token) throws ParseException {
        try {
            return json.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        } catch (IOException | RuntimeException e) {
            throw new Refused("invalid-token");
        }
    }

    private static boolean allText(JsonNode array) {
        for (JsonNode element : array) {
            if (!element.isTextual()) {
                return false;
            }
        }
        return true;
    }
}
