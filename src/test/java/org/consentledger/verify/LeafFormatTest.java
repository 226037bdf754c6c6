package org.consentledger.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * Leaf format version 1, byte for byte: what {@link Leaves} hashes for the golden records at a
 * fixed position, and the RFC 6962 leaf hash of it. Records are built the way the service builds
 * them (keys in no particular order, Java types), so the canonical serialisation is pinned too.
 */
class LeafFormatTest {

    @Test
    void aConsentEventLeafHasTheV1BytesAndHash() {
        Map<String, Object> record = record("eventId", GoldenRecords.EVENT_ID, "siteKey", GoldenRecords.SITE_KEY,
                "visitorId", GoldenRecords.VISITOR_ID, "type", "PREFERENCES_SAVED",
                "documentVersionIds", List.of(GoldenRecords.POLICY_VERSION_ID), "categories", List.of("analytics"),
                "outcome", record("basis", "EXPLICIT",
                        "categories", record("necessary", "GRANTED", "analytics", "GRANTED", "functional", "DENIED",
                                "marketing", "DENIED"),
                        "acknowledged", List.of(GoldenRecords.POLICY_VERSION_ID)),
                "jurisdiction", record("country", "DE", "eea", true, "source", "HEADER"),
                "pageUrl", "https://www.example.com/shop/cart", "language", null, "userAgent", "Mozilla/5.0 (Golden)",
                "ipPrefix", "203.0.113.0/24", "gpc", true, "clientTime", "2026-01-31T12:00:00Z",
                "receivedAt", "2026-01-31T12:00:01.250001Z");

        assertLeaf(7, Leaves.CONSENT_EVENT, record,
                "{\"record\":" + GoldenRecords.CONSENT_EVENT + ",\"seq\":7,\"source\":\"consent_event\",\"v\":1}",
                "9ee4a31013531cb393556208f7058345b64d9612fe0f7cfb640684a7834137cc");
    }

    @Test
    void aPolicyVersionLeafHasTheV1BytesAndHash() {
        Map<String, Object> record = record("id", GoldenRecords.POLICY_VERSION_ID, "siteKey", GoldenRecords.SITE_KEY,
                "kind", "PRIVACY_POLICY", "version", "2026-01", "title", "Datenschutzerklärung",
                "url", "https://www.example.com/privacy?lang=de", "content", "Line one.\nLine \"two\", with a \\ backslash.",
                "eeaAddendum", "Rights under the GDPR.", "material", true, "changeSummary", null,
                "effectiveAt", "2026-01-31T12:00:00Z", "publishedAt", "2026-01-31T11:59:59.123Z",
                "publishedBy", "golden-admin", "sha256", GoldenRecords.POLICY_SHA256);

        assertLeaf(8, Leaves.POLICY_VERSION, record,
                "{\"record\":" + GoldenRecords.POLICY_VERSION + ",\"seq\":8,\"source\":\"policy_version\",\"v\":1}",
                "c0e0ff0ae2ba1f80bccddb74e9082c2c023e9a080fd7bd72cad172277f42313f");
        assertThat(PolicyFingerprint.of(record)).isEqualTo(GoldenRecords.POLICY_SHA256);
    }

    @Test
    void anAdminLogLeafHasTheV1BytesAndHash() {
        Map<String, Object> record = record("id", GoldenRecords.ADMIN_LOG_ID, "at", "2026-01-31T12:00:02Z",
                "actor", "golden-admin", "action", "SITE_UPDATED", "targetType", "SITE", "target", GoldenRecords.SITE_KEY,
                "before", record("name", "Golden", "origins", List.of("https://www.example.com"),
                        "categories", List.of("analytics"), "revision", 1L),
                "after", record("name", "Golden v1", "origins", List.of("https://www.example.com", "https://shop.example.com"),
                        "categories", List.of("analytics", "marketing"), "revision", 2L));

        assertLeaf(9, Leaves.ADMIN_LOG, record,
                "{\"record\":" + GoldenRecords.ADMIN_LOG + ",\"seq\":9,\"source\":\"admin_log\",\"v\":1}",
                "35b70056717d056081586ed0ff44833ab8a1861bd30c9562a5595ed42692d26c");
    }

    @Test
    void aSitesPurgeRecordLeafHasTheV1BytesAndHash() {
        Map<String, Object> record = record("id", GoldenRecords.SITE_PURGE_ID, "at", "2026-02-01T03:00:00Z",
                "actor", "retention", "action", "PURGE_SITE_EVENTS", "targetType", "SITE", "target", GoldenRecords.SITE_KEY,
                "before", null,
                "after", record("purge", GoldenRecords.PURGE_ID, "retainUntil", "2026-02-01", "events", 1L,
                        "eventIdsSha256", "3083abfc7e305e20f7717179553b069500cc0c2b1caaf51a22a3d2ba8b2f335d",
                        "rule", "kept until the golden day"));

        assertLeaf(10, Leaves.ADMIN_LOG, record,
                "{\"record\":" + GoldenRecords.SITE_PURGE + ",\"seq\":10,\"source\":\"admin_log\",\"v\":1}",
                "07c59a1c7aac0a189f0653b1c88530004df3631345f79de5c16989bdefaa6388");
    }

    private static void assertLeaf(long seq, String source, Map<String, Object> record, String data, String hashHex) {
        assertThat(new String(Leaves.data(seq, source, record), StandardCharsets.UTF_8)).isEqualTo(data);
        assertThat(Leaves.data(seq, source, record)).isEqualTo(data.getBytes(StandardCharsets.UTF_8));
        assertThat(HexFormat.of().formatHex(Leaves.hash(seq, source, record))).isEqualTo(hashHex);
    }

    /** A record as the service builds it: a map in insertion order, which canonical JSON must not keep. */
    private static Map<String, Object> record(Object... keysAndValues) {
        Map<String, Object> record = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            record.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return record;
    }
}
