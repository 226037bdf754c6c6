package org.consentledger.verify;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a ledger leaf commits to (leaf format version 1): the canonical JSON of
 * {@code {"v":1,"seq":<position>,"source":<table>,"record":<the record>}}. Binding the position
 * into the leaf means records cannot be reordered without changing their hashes.
 */
public final class Leaves {

    public static final long FORMAT_VERSION = 1;
    public static final String CONSENT_EVENT = "consent_event";
    public static final String POLICY_VERSION = "policy_version";
    public static final String ADMIN_LOG = "admin_log";
    public static final String POLICY_TRANSLATION = "policy_translation";
    public static final String BANNER_TEXT_SET = "banner_text_set";
    public static final String RENDERED_NOTICE = "rendered_notice";
    public static final String JURISDICTION_RULES = "jurisdiction_rules";
    public static final String IDENTITY_EVENT = "identity_event";
    /** A 2xx answer to a webhook delivery; its rows are in table webhook_delivery_record. */
    public static final String WEBHOOK_DELIVERY = "webhook_delivery";

    private Leaves() {
    }

    public static byte[] data(long seq, String source, Map<String, Object> record) {
        Map<String, Object> leaf = new LinkedHashMap<>();
        leaf.put("v", FORMAT_VERSION);
        leaf.put("seq", seq);
        leaf.put("source", source);
        leaf.put("record", record);
        return CanonicalJson.bytes(leaf);
    }

    public static byte[] hash(long seq, String source, Map<String, Object> record) {
        return Merkle.leafHash(data(seq, source, record));
    }
}
