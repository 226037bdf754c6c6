package org.consentledger.policy;

import org.consentledger.verify.PolicyFingerprint;

/**
 * The fingerprint of a policy version's text, so anyone holding the text can show it is the
 * version a visitor was shown. The canonical form is documented in {@link PolicyFingerprint},
 * which the offline verifier shares.
 */
public final class PolicyHash {

    private PolicyHash() {
    }

    public static String of(PolicyKind kind, String version, String title, String url, String content,
            String eeaAddendum, String changeSummary) {
        return PolicyFingerprint.of(kind.name(), version, title, url, content, eeaAddendum, changeSummary);
    }

    /** A translation is fingerprinted as its version would be with this text and no change summary. */
    public static String ofTranslation(PolicyVersion v, String title, String url, String content, String eeaAddendum) {
        return of(v.kind, v.version, title, url, content, eeaAddendum, null);
    }

    public static String of(PolicyVersion v) {
        return of(v.kind, v.version, v.title, v.url, v.content, v.eeaAddendum, v.changeSummary);
    }
}
