package org.consentledger.policy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The fingerprint of a policy version's text, so anyone holding the text can show it is the
 * version a visitor was shown.
 * <p>
 * Canonical form (version 1), UTF-8, fields in this order: kind, version, title, url, content,
 * eeaAddendum, changeSummary. Each field is written as {@code name ":" length ":" value "\n"},
 * where length is the value's size in UTF-8 bytes; an absent field is written as
 * {@code name ":-\n"}. The first line is {@code "consent-ledger-policy:1\n"}. The hash is the
 * lower-case hex SHA-256 of those bytes. Length prefixes make the encoding unambiguous whatever
 * the text holds.
 */
public final class PolicyHash {

    private PolicyHash() {
    }

    public static String of(PolicyKind kind, String version, String title, String url, String content,
            String eeaAddendum, String changeSummary) {
        StringBuilder canonical = new StringBuilder("consent-ledger-policy:1\n");
        field(canonical, "kind", kind.name());
        field(canonical, "version", version);
        field(canonical, "title", title);
        field(canonical, "url", url);
        field(canonical, "content", content);
        field(canonical, "eeaAddendum", eeaAddendum);
        field(canonical, "changeSummary", changeSummary);
        return sha256Hex(canonical.toString().getBytes(StandardCharsets.UTF_8));
    }

    public static String of(PolicyVersion v) {
        return of(v.kind, v.version, v.title, v.url, v.content, v.eeaAddendum, v.changeSummary);
    }

    private static void field(StringBuilder out, String name, String value) {
        out.append(name).append(':');
        if (value == null) {
            out.append("-\n");
            return;
        }
        out.append(value.getBytes(StandardCharsets.UTF_8).length).append(':').append(value).append('\n');
    }

    public static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
