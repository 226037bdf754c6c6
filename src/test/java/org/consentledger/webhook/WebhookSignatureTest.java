package org.consentledger.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The signature of Standard Webhooks, against the specification's own example. */
class WebhookSignatureTest {

    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    @Test
    void theSpecificationsExampleSignsAsPublished() {
        assertThat(WebhookSignature.header(List.of(SECRET), "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330,
                "{\"test\": 2432232314}")).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void twoSecretsGiveTwoSignaturesSeparatedByASpace() {
        String other = WebhookSecrets.generate();
        String header = WebhookSignature.header(List.of(SECRET, other), "msg_1", 1, "{}");

        assertThat(header.split(" ")).containsExactly("v1," + WebhookSignature.sign(SECRET, "msg_1", 1, "{}"),
                "v1," + WebhookSignature.sign(other, "msg_1", 1, "{}"));
    }

    @Test
    void aSecretIsWhsecAndTheBase64Of32RandomBytes() {
        String secret = WebhookSecrets.generate();

        assertThat(secret).startsWith("whsec_");
        assertThat(Base64.getDecoder().decode(secret.substring(6))).hasSize(32);
        assertThat(WebhookSecrets.generate()).isNotEqualTo(secret);
    }
}
