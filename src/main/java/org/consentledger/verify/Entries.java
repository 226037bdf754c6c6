package org.consentledger.verify;

import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Checks shared by exports and evidence packages: one ledger entry against its own record. */
final class Entries {

    private Entries() {
    }

    /** Recomputes the leaf hash from the record, and checks it against the hash the entry states. */
    @SuppressWarnings("unchecked")
    static byte[] checkedLeafHash(Map<String, Object> entry, long expectedSeq) {
        requireKeys(entry, EXPORT_KEYS, expectedSeq);
        requireSeq(entry, expectedSeq);
        return leafHash(entry);
    }

    /**
     * A redacted entry's leaf hash, which cannot be recomputed: its record was purged. It counts
     * only once {@link Redactions} finds the purge record that accounts for it.
     */
    static byte[] redactedLeafHash(Map<String, Object> entry, long expectedSeq) {
        requireKeys(entry, REDACTED_KEYS, expectedSeq);
        requireSeq(entry, expectedSeq);
        if (!Leaves.CONSENT_EVENT.equals(entry.get("source"))) {
            throw new Verdict.Failure(expectedSeq, "only consent events are ever redacted, not " + entry.get("source"));
        }
        return decode(entry.get("leafHash"), expectedSeq);
    }

    private static void requireSeq(Map<String, Object> entry, long expectedSeq) {
        Object seq = entry.get("seq");
        if (!(seq instanceof Long s) || s != expectedSeq) {
            throw new Verdict.Failure(expectedSeq, "found seq " + seq + " where seq " + expectedSeq
                    + " belongs: a record is missing, duplicated or out of order");
        }
    }

    static final Set<String> EXPORT_KEYS = Set.of("seq", "source", "leafHash", "record");
    static final Set<String> REDACTED_KEYS = Set.of("seq", "source", "leafHash", "redacted");
    static final Set<String> EVIDENCE_KEYS = Set.of("seq", "source", "leafHash", "record", "inclusionProof");

    /** Entries carry exactly the documented fields, so no edit can hide in a field nobody checks. */
    static void requireKeys(Map<String, Object> entry, Set<String> keys, long seq) {
        if (!entry.keySet().equals(keys)) {
            throw new Verdict.Failure(seq, "unexpected or missing fields " + entry.keySet());
        }
    }

    @SuppressWarnings("unchecked")
    static byte[] leafHash(Map<String, Object> entry) {
        long seq = (Long) entry.get("seq");
        Object source = entry.get("source");
        Object record = entry.get("record");
        if (!(source instanceof String) || !(record instanceof Map)) {
            throw new Verdict.Failure(seq, "entry lacks its source or record");
        }
        Map<String, Object> fields = (Map<String, Object>) record;
        byte[] computed = Leaves.hash(seq, (String) source, fields);
        Object stated = entry.get("leafHash");
        if (!Arrays.equals(computed, decode(stated, seq))) {
            throw new Verdict.Failure(seq, "the record does not match its leaf hash: it was altered");
        }
        boolean policyText = Leaves.POLICY_VERSION.equals(source) || Leaves.POLICY_TRANSLATION.equals(source);
        if (policyText && !PolicyFingerprint.of(fields).equals(fields.get("sha256"))) {
            throw new Verdict.Failure(seq, "the policy text does not match its sha256");
        }
        if (Leaves.RENDERED_NOTICE.equals(source)) {
            NoticeRenderings.check(fields, seq);
        }
        return computed;
    }

    static List<byte[]> hashes(Object list, Long seq) {
        if (!(list instanceof List<?> items)) {
            throw new Verdict.Failure(seq, "missing proof");
        }
        return items.stream().map(item -> decode(item, seq)).toList();
    }

    /**
     * Strict base64: the text must be exactly how the bytes encode. Otherwise the spare bits of
     * the last character could be changed without changing the hash it stands for.
     */
    static byte[] decode(Object base64, Long seq) {
        try {
            byte[] bytes = Base64.getDecoder().decode((String) base64);
            if (Base64.getEncoder().encodeToString(bytes).equals(base64)) {
                return bytes;
            }
        } catch (RuntimeException e) {
            // reported below
        }
        throw new Verdict.Failure(seq, "a hash is not in canonical base64");
    }
}
