package org.consentledger.notice;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** A notice as it was served, kept once: the rendering whose SHA-256 is its noticeId. */
public record StoredRendering(String noticeId, String siteKey, Instant firstServedAt, Map<String, Object> rendering) {

    /** Its ledger record (source rendered_notice). */
    public Map<String, Object> record() {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("noticeId", noticeId);
        record.put("siteKey", siteKey);
        record.put("firstServedAt", firstServedAt.toString());
        record.put("rendering", rendering);
        return record;
    }
}
