package org.consentledger.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

class PolicyHashTest {

    private static final String CONTENT = "Hello, wörld";

    /** Computed in a shell: printf 'consent-ledger-policy:1\nkind:14:...' | sha256sum */
    private static final String EXPECTED = "431237c7c0c1756e78220ef203ffeaa245c58baffe7ff7f7f8f8e3b52b5ba7ed";

    private static String reference() {
        return PolicyHash.of(PolicyKind.PRIVACY_POLICY, "1.0", "Privacy", "https://www.example.com/privacy", CONTENT,
                null, "");
    }

    @Test
    void theHashIsTheSha256OfTheDocumentedCanonicalForm() throws Exception {
        String canonical = "consent-ledger-policy:1\n"
                + "kind:14:PRIVACY_POLICY\n"
                + "version:3:1.0\n"
                + "title:7:Privacy\n"
                + "url:31:https://www.example.com/privacy\n"
                + "content:13:Hello, wörld\n"
                + "eeaAddendum:-\n"
                + "changeSummary:0:\n";
        String independent = HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));

        assertThat(independent).isEqualTo(EXPECTED);
        assertThat(reference()).isEqualTo(EXPECTED).matches("[0-9a-f]{64}");
    }

    @Test
    void changingAnyFieldChangesTheHash() {
        String url = "https://www.example.com/privacy";
        assertThat(PolicyHash.of(PolicyKind.COOKIE_POLICY, "1.0", "Privacy", url, CONTENT, null, "")).isNotEqualTo(EXPECTED);
        assertThat(PolicyHash.of(PolicyKind.PRIVACY_POLICY, "1.1", "Privacy", url, CONTENT, null, "")).isNotEqualTo(EXPECTED);
        assertThat(PolicyHash.of(PolicyKind.PRIVACY_POLICY, "1.0", "Privacy!", url, CONTENT, null, "")).isNotEqualTo(EXPECTED);
        assertThat(PolicyHash.of(PolicyKind.PRIVACY_POLICY, "1.0", "Privacy", url + "/", CONTENT, null, "")).isNotEqualTo(EXPECTED);
        assertThat(PolicyHash.of(PolicyKind.PRIVACY_POLICY, "1.0", "Privacy", url, CONTENT + " ", null, "")).isNotEqualTo(EXPECTED);
        assertThat(PolicyHash.of(PolicyKind.PRIVACY_POLICY, "1.0", "Privacy", url, CONTENT, "EEA", "")).isNotEqualTo(EXPECTED);
        assertThat(PolicyHash.of(PolicyKind.PRIVACY_POLICY, "1.0", "Privacy", url, CONTENT, null, "x")).isNotEqualTo(EXPECTED);
    }

    @Test
    void anAbsentFieldHashesDifferentlyFromAnEmptyOne() {
        String url = "https://www.example.com/privacy";
        assertThat(PolicyHash.of(PolicyKind.PRIVACY_POLICY, "1.0", "Privacy", url, CONTENT, "", ""))
                .isNotEqualTo(EXPECTED);
        assertThat(PolicyHash.of(PolicyKind.PRIVACY_POLICY, "1.0", "Privacy", url, CONTENT, null, null))
                .isNotEqualTo(EXPECTED);
    }

    @Test
    void lengthPrefixesKeepTextMovedBetweenFieldsFromColliding() {
        String url = "https://www.example.com/privacy";
        String a = PolicyHash.of(PolicyKind.PRIVACY_POLICY, "1.0", "Privacy", url, "body\neeaAddendum:-", null, null);
        String b = PolicyHash.of(PolicyKind.PRIVACY_POLICY, "1.0", "Privacy", url, "body", "-", null);
        assertThat(a).isNotEqualTo(b);
    }
}
