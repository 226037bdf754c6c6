package org.consentledger.verify;

import java.util.Map;

/**
 * Proof of display (rendering format version 1). A notice's id is the lower-case hex SHA-256 of
 * the canonical JSON of its rendering: everything the banner was given to show (regime, mode,
 * language, documents with the sha256 of the text shown, banner texts, categories, script). A
 * stored rendering therefore proves its own content, and an event naming the id names it.
 */
public final class NoticeRenderings {

    public static final String FORMAT = "consent-ledger-notice";
    public static final long VERSION = 1;

    private NoticeRenderings() {
    }

    public static String noticeId(Map<String, Object> rendering) {
        return PolicyFingerprint.sha256Hex(CanonicalJson.bytes(rendering));
    }

    /** Checks a rendered_notice ledger record: its rendering must hash to its noticeId. */
    @SuppressWarnings("unchecked")
    static void check(Map<String, Object> record, long seq) {
        if (!(record.get("rendering") instanceof Map<?, ?> rendering)
                || !noticeId((Map<String, Object>) rendering).equals(record.get("noticeId"))) {
            throw new Verdict.Failure(seq, "the stored rendering does not match its noticeId: it was altered");
        }
    }
}
