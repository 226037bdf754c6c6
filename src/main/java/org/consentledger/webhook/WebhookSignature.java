package org.consentledger.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code webhook-signature} header of Standard Webhooks: {@code v1,} and the base64
 * HMAC-SHA256 of {@code id.timestamp.body}, one per secret that signs, separated by spaces.
 */
final class WebhookSignature {

    private WebhookSignature() {
    }

    static String header(List<String> secrets, String messageId, long timestampSeconds, String body) {
        return secrets.stream().map(secret -> "v1," + sign(secret, messageId, timestampSeconds, body))
                .collect(Collectors.joining(" "));
    }

    static String sign(String secret, String messageId, long timestampSeconds, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(WebhookSecrets.keyOf(secret), "HmacSHA256"));
            byte[] signed = mac.doFinal((messageId + "." + timestampSeconds + "." + body).getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(signed);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from the JDK", e);
        }
    }
}
