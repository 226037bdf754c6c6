package org.consentledger.ledger;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A ledger leaf: its position, the record it holds, and the hash it committed to. */
public record Leaf(long seq, String source, String recordKey, byte[] hash) {

    public RecordRef ref() {
        return new RecordRef(source, recordKey);
    }

    /**
     * The leaf as an export or evidence entry (format version 1), with the record it holds and,
     * for evidence, its inclusion proof.
     */
    public Map<String, Object> entry(Map<String, Object> record, List<byte[]> inclusionProof) {
        return entry("record", record, inclusionProof);
    }

    /**
     * The leaf of a record purged under retention: its hash as committed, and in place of the
     * record its key and the admin log id of the purge record that accounts for it.
     */
    public Map<String, Object> redactedEntry(long purgedBy) {
        Map<String, Object> redacted = new LinkedHashMap<>();
        redacted.put("recordKey", recordKey);
        redacted.put("purgedBy", purgedBy);
        return entry("redacted", redacted, null);
    }

    private Map<String, Object> entry(String field, Map<String, Object> value, List<byte[]> inclusionProof) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("seq", seq);
        entry.put("source", source);
        entry.put("leafHash", Base64.getEncoder().encodeToString(hash));
        entry.put(field, value);
        if (inclusionProof != null) {
            entry.put("inclusionProof", inclusionProof.stream().map(Base64.getEncoder()::encodeToString).toList());
        }
        return entry;
    }
}
