package org.consentledger.identity;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

import org.consentledger.common.ApiException;

/**
 * A site's account ids, pseudonymised: {@code HMAC-SHA256(the site's secret, UTF-8 of userId)} as
 * 64 lower-case hex digits. The id is hashed exactly as given (no trimming, no case folding), and
 * only the hash is ever stored, logged or answered. See docs/security.md, "Pseudonymous account ids".
 */
@ApplicationScoped
public class UserIds {

    /** The longest account id taken, in characters. */
    public static final int MAX_LENGTH = 256;

    private static final String HMAC = "HmacSHA256";

    private final PseudonymSecrets secrets;

    UserIds(PseudonymSecrets secrets) {
        this.secrets = secrets;
    }

    /** The userId's hash on that site; the site's secret is made if it has none yet. */
    public String hash(UUID siteId, String userId) {
        requireValid(userId);
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(secrets.of(siteId), HMAC));
            return HexFormat.of().formatHex(mac.doFinal(userId.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every Java runtime", e);
        }
    }

    /** 400 naming {@code userId} unless it is non-blank and at most {@link #MAX_LENGTH} characters; never echoes it. */
    public static void requireValid(String userId) {
        requireValid("userId", userId);
    }

    /** As {@link #requireValid(String)}, naming {@code field}, such as {@code subjects[2].userId}. */
    public static void requireValid(String field, String userId) {
        if (userId == null || userId.isBlank()) {
            throw ApiException.invalid(field, "must not be blank");
        }
        if (userId.length() > MAX_LENGTH) {
            throw ApiException.invalid(field, "must be at most " + MAX_LENGTH + " characters");
        }
    }
}
