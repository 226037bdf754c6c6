package org.consentledger.support;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Set;

import org.consentledger.security.Roles;

import io.smallrye.jwt.build.Jwt;

/** Real signed JWTs for tests, made with the key pair in src/test/resources/test-jwt. */
public final class Tokens {

    static final String ISSUER = "consent-ledger-test";

    private Tokens() {
    }

    public static String admin() {
        return forRole(Roles.ADMIN);
    }

    public static String auditor() {
        return forRole(Roles.AUDITOR);
    }

    /** A site's own backend, on every site. */
    public static String service() {
        return forRole(Roles.SERVICE);
    }

    public static String forRole(String role) {
        return Jwt.issuer(ISSUER).subject("test-" + role).groups(role).expiresIn(600).sign();
    }

    /**
     * A token whose {@code groups} claim holds exactly these groups, such as {@code "auditor:news-*"}.
     * Its subject names them, so the admin log shows which grant made a change.
     */
    public static String withGroups(String... groups) {
        return Jwt.issuer(ISSUER).subject("test-" + String.join("+", groups)).groups(Set.of(groups)).expiresIn(600).sign();
    }

    public static String noRole() {
        return Jwt.issuer(ISSUER).subject("nobody").expiresIn(600).sign();
    }

    public static String expired() {
        Instant past = Instant.now().minusSeconds(3600);
        return Jwt.issuer(ISSUER).subject("late").groups(Roles.ADMIN).issuedAt(past.minusSeconds(600)).expiresAt(past).sign();
    }

    /** Signed and unexpired, but issued for ten years: far over the one-hour maximum lifetime. */
    public static String tenYearLifetime() {
        Instant now = Instant.now();
        return Jwt.issuer(ISSUER).subject("hoarder").groups(Roles.ADMIN).issuedAt(now)
                .expiresAt(now.plus(java.time.Duration.ofDays(3650))).sign();
    }

    /** Issued a day from now, with a short lifetime from then: only the future iat is wrong. */
    public static String issuedInTheFuture() {
        Instant tomorrow = Instant.now().plus(java.time.Duration.ofDays(1));
        return Jwt.issuer(ISSUER).subject("time-traveller").groups(Roles.ADMIN).issuedAt(tomorrow)
                .expiresAt(tomorrow.plusSeconds(600)).sign();
    }

    /** "groups" as a plain string, which smallrye-jwt would otherwise split into roles. */
    public static String groupsAsAString() {
        return Jwt.issuer(ISSUER).subject("stringly").claim("groups", Roles.ADMIN).expiresIn(600).sign();
    }

    public static String wrongIssuer() {
        return Jwt.issuer("someone-else").subject("test-admin").groups(Roles.ADMIN).expiresIn(600).sign();
    }

    /** Signed by a key the service does not trust. */
    public static String foreignKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            return Jwt.issuer(ISSUER).subject("forger").groups(Roles.ADMIN).expiresIn(600).sign(pair.getPrivate());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A valid auditor token whose payload was edited to claim the admin role. */
    public static String tampered() {
        String[] parts = auditor().split("\\.");
        String payload = new String(java.util.Base64.getUrlDecoder().decode(parts[1]), java.nio.charset.StandardCharsets.UTF_8)
                .replace("\"" + Roles.AUDITOR + "\"", "\"" + Roles.ADMIN + "\"");
        String forged = java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return parts[0] + "." + forged + "." + parts[2];
    }
}
