package org.consentledger.support;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.consentledger.security.Roles;

import io.smallrye.jwt.build.Jwt;

/** Real signed JWTs for tests, made with the key pair in src/test/resources/test-jwt. */
public final class Tokens {

    static final String ISSUER = "consent-ledger-test";

    /**
     * Signing is RSA: on the C1-only test JVM one signature costs milliseconds of CPU, and a new
     * 2048-bit key pair for each forged token took half of SecurityMatrixTest's CPU. So the valid
     * tokens are reused while they have minutes left, and the foreign key is made once.
     */
    private static final long REUSE_SECONDS = 300;
    private static final Map<Set<String>, Signed> SIGNED = new ConcurrentHashMap<>();

    private record Signed(String token, Instant signedAt) {
    }

    private static final class ForeignKey {
        static final KeyPair PAIR = generate();

        private static KeyPair generate() {
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                return generator.generateKeyPair();
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

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
        return withGroups(role);
    }

    /**
     * A token whose {@code groups} claim holds exactly these groups, such as {@code "auditor:news-*"}.
     * Its subject names them, so the admin log shows which grant made a change.
     */
    public static String withGroups(String... groups) {
        Instant now = Instant.now();
        return SIGNED.compute(Set.of(groups), (key, signed) -> signed != null
                && signed.signedAt().isAfter(now.minusSeconds(REUSE_SECONDS)) ? signed
                        : new Signed(Jwt.issuer(ISSUER).subject("test-" + String.join("+", groups)).groups(key)
                                .expiresIn(600).sign(), now)).token();
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
        return Jwt.issuer(ISSUER).subject("forger").groups(Roles.ADMIN).expiresIn(600).sign(ForeignKey.PAIR.getPrivate());
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
