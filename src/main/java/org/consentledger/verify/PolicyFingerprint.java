package org.consentledger.verify;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * The sha256 of a policy version's text (canonical form version 1). UTF-8; the first line is
 * {@code consent-ledger-policy:1}; then kind, version, title, url, content, eeaAddendum and
 * changeSummary, each as {@code name ":" byte-length ":" value "\n"}, or {@code name ":-\n"} when
 * absent. The result is lower-case hex. Length prefixes keep the encoding unambiguous.
 */
public final class PolicyFingerprint {

    static final String[] FIELDS = { "kind", "version", "title", "url", "content", "eeaAddendum", "changeSummary" };

    private PolicyFingerprint() {
    }

    public static String of(String kind, String version, String title, String url, String content, String eeaAddendum,
            String changeSummary) {
        String[] values = { kind, version, title, url, content, eeaAddendum, changeSummary };
        StringBuilder canonical = new StringBuilder("consent-ledger-policy:1\n");
        for (int i = 0; i < FIELDS.length; i++) {
            canonical.append(FIELDS[i]).append(':');
            if (values[i] == null) {
                canonical.append("-\n");
            } else {
                canonical.append(values[i].getBytes(StandardCharsets.UTF_8).length).append(':').append(values[i]).append('\n');
            }
        }
        return sha256Hex(canonical.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The fingerprint of a policy version record, or of a translation's record (which carries its
     * version's kind and label and no changeSummary), as it appears in the ledger.
     */
    static String of(Map<String, Object> record) {
        return of((String) record.get("kind"), (String) record.get("version"), (String) record.get("title"),
                (String) record.get("url"), (String) record.get("content"), (String) record.get("eeaAddendum"),
                (String) record.get("changeSummary"));
    }

    public static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
