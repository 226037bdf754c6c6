package org.consentledger.webhook;

import java.security.SecureRandom;
import java.util.Base64;

/** Endpoint secrets in the Standard Webhooks form: {@code whsec_} and the base64 of 32 random bytes. */
final class WebhookSecrets {

    static final String PREFIX = "whsec_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private WebhookSecrets() {
    }

    static String generate() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return PREFIX + Base64.getEncoder().encodeToString(key);
    }

    /** The key the signature is computed with: the bytes the base64 after the prefix stands for. */
    static byte[] keyOf(String secret) {
        return Base64.getDecoder().decode(secret.substring(PREFIX.length()));
    }
}
