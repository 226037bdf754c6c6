package org.consentledger.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.consentledger.support.Api;
import org.consentledger.verify.CanonicalJson;
import org.consentledger.verify.Json;
import org.consentledger.verify.Leaves;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Policy version and admin log records are ledger format v1: golden strings pin their bytes,
 * and each record must equal, byte for byte, the columns of its row read directly (the way the
 * ledger read them before it asked the tables' owners), including microsecond timestamps and
 * the numbers of admin log JSON.
 */
@QuarkusTest
class LedgerRecordsTest {

    @Inject
    DataSource dataSource;

    @Inject
    LedgerRecords records;

    /** PolicyFingerprint of the golden version's texts, so exports holding it still verify. */
    private static final String GOLDEN_SHA256 = "970260b6285e637352c4b4c5624a17303bb4e5c2c7bc92ab202429eedb9c17f4";

    @Test
    void aPolicyVersionRecordHasTheGoldenBytesAndIsHashedAsSuch() throws Exception {
        String siteKey = Api.createSite();
        UUID id = UUID.randomUUID();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "insert into policy_version (id, site_id, kind, version, title, url, content, eea_addendum, material, "
                        + "change_summary, effective_at, published_at, published_by, sha256) select ?, id, "
                        + "'COOKIE_POLICY', '2.0', 'Cookies', 'https://www.example.com/cookies', ?, null, false, "
                        + "'Typos', '2024-05-01T10:00:00Z', '2024-04-30T08:15:30.120000Z', 'admin@example.com', ? "
                        + "from site where site_key = ?")) {
            ps.setObject(1, id);
            ps.setString(2, "Full text of COOKIE_POLICY 2.0\n\"quoted\" \u0007 é");
            ps.setString(3, GOLDEN_SHA256);
            ps.setString(4, siteKey);
            ps.executeUpdate();
        }
        String expected = "{\"changeSummary\":\"Typos\",\"content\":\"Full text of COOKIE_POLICY 2.0\\u000a\\\"quoted\\\" "
                + "\\u0007 é\",\"eeaAddendum\":null,\"effectiveAt\":\"2024-05-01T10:00:00Z\",\"id\":\"" + id + "\","
                + "\"kind\":\"COOKIE_POLICY\",\"material\":false,\"publishedAt\":\"2024-04-30T08:15:30.120Z\","
                + "\"publishedBy\":\"admin@example.com\",\"sha256\":\"" + GOLDEN_SHA256 + "\",\"siteKey\":\""
                + siteKey + "\",\"title\":\"Cookies\",\"url\":\"https://www.example.com/cookies\",\"version\":\"2.0\"}";
        Map<String, Object> record = load(Leaves.POLICY_VERSION, id.toString());
        assertThat(CanonicalJson.string(record)).isEqualTo(expected);
        assertHashedAs(Leaves.POLICY_VERSION, id.toString(), record);
    }

    @Test
    void anAdminLogRecordHasTheGoldenBytesWhateverTheNumbersInItsJson() throws Exception {
        String after = "{\"n\": 7, \"neg\": -3, \"big\": 9007199254740993, \"huge\": 12345678901234567890, "
                + "\"one\": 1.0, \"hundred\": 100.00, \"s\": \"é \\\"q\\\" \\u0001\", \"none\": null, "
                + "\"list\": [1, {\"b\": true}], \"nested\": {\"z\": [], \"a\": {}}}";
        long id;
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "insert into admin_log (at, actor, action, target_type, target, before, after) "
                        + "values ('2024-05-01T10:00:00.123456Z', 'admin@example.com', 'GOLDEN', 'SITE', 'golden', "
                        + "'{\"name\": \"Old\"}'::jsonb, ?::jsonb) returning id")) {
            ps.setString(1, after);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                id = rs.getLong(1);
            }
        }
        String expected = "{\"action\":\"GOLDEN\",\"actor\":\"admin@example.com\",\"after\":{\"big\":9007199254740993,"
                + "\"huge\":12345678901234567890,\"hundred\":100,\"list\":[1,{\"b\":true}],\"n\":7,\"neg\":-3,"
                + "\"nested\":{\"a\":{},\"z\":[]},\"none\":null,\"one\":1,\"s\":\"é \\\"q\\\" \\u0001\"},"
                + "\"at\":\"2024-05-01T10:00:00.123456Z\",\"before\":{\"name\":\"Old\"},\"id\":" + id + ","
                + "\"target\":\"golden\",\"targetType\":\"SITE\"}";
        Map<String, Object> record = load(Leaves.ADMIN_LOG, String.valueOf(id));
        assertThat(CanonicalJson.string(record)).isEqualTo(expected);
        assertHashedAs(Leaves.ADMIN_LOG, String.valueOf(id), record);
    }

    @Test
    void recordsOfPublishedVersionsAndTheirAdminLogEqualTheirRowsByteForByte() throws Exception {
        String siteKey = Api.createSite();
        List<String> versions = List.of(Api.publish(siteKey, "PRIVACY_POLICY", "1.0", true),
                Api.publish(siteKey, "TERMS_OF_USE", "1.0", false));
        List<String> entries = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select id from admin_log where target = ? or target = any(?)")) {
            ps.setString(1, siteKey);
            ps.setArray(2, c.createArrayOf("text", versions.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    entries.add(String.valueOf(rs.getLong(1)));
                }
            }
        }
        assertThat(entries).hasSize(3);
        Map<String, Map<String, Object>> fromRows = rows(Leaves.POLICY_VERSION, versions);
        fromRows.putAll(rows(Leaves.ADMIN_LOG, entries));
        for (String version : versions) {
            assertSameRecord(load(Leaves.POLICY_VERSION, version), fromRows.get(version));
        }
        for (String entry : entries) {
            assertSameRecord(load(Leaves.ADMIN_LOG, entry), fromRows.get(entry));
        }
    }

    private Map<String, Object> load(String source, String key) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            Map<String, Map<String, Object>> found = records.load(c, source, List.of(key));
            assertThat(found).containsOnlyKeys(key);
            return found.get(key);
        }
    }

    private static void assertSameRecord(Map<String, Object> record, Map<String, Object> row) {
        assertThat(List.copyOf(record.keySet())).isEqualTo(List.copyOf(row.keySet()));
        assertThat(CanonicalJson.string(record)).isEqualTo(CanonicalJson.string(row));
    }

    /** The sequencer hashed exactly these bytes into the record's leaf. */
    private void assertHashedAs(String source, String key, Map<String, Object> record) throws Exception {
        long deadline = System.currentTimeMillis() + 20_000;
        while (true) {
            try (Connection c = dataSource.getConnection()) {
                var leaf = LedgerLeaves.of(c, new RecordRef(source, key));
                if (leaf.isPresent()) {
                    assertThat(HexFormat.of().formatHex(leaf.get().hash()))
                            .isEqualTo(HexFormat.of().formatHex(Leaves.hash(leaf.get().seq(), source, record)));
                    return;
                }
            }
            assertThat(System.currentTimeMillis()).as("sequenced in time").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    /** The rows read column by column, as the ledger read them before it asked the tables' owners. */
    private Map<String, Map<String, Object>> rows(String source, List<String> keys) throws SQLException {
        String sql = source.equals(Leaves.POLICY_VERSION)
                ? "select v.*, s.site_key from policy_version v join site s on s.id = v.site_id where v.id::text = any(?)"
                : "select id, at, actor, action, target_type, target, before::text, after::text from admin_log "
                        + "where id::text = any(?)";
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, c.createArrayOf("text", keys.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> row = source.equals(Leaves.POLICY_VERSION) ? policyVersionRow(rs) : adminLogRow(rs);
                    out.put(rs.getString("id"), row);
                }
            }
        }
        return out;
    }

    private static Map<String, Object> policyVersionRow(ResultSet rs) throws SQLException {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", rs.getString("id"));
        row.put("siteKey", rs.getString("site_key"));
        row.put("kind", rs.getString("kind"));
        row.put("version", rs.getString("version"));
        row.put("title", rs.getString("title"));
        row.put("url", rs.getString("url"));
        row.put("content", rs.getString("content"));
        row.put("eeaAddendum", rs.getString("eea_addendum"));
        row.put("material", rs.getBoolean("material"));
        row.put("changeSummary", rs.getString("change_summary"));
        row.put("effectiveAt", rs.getTimestamp("effective_at").toInstant().toString());
        row.put("publishedAt", rs.getTimestamp("published_at").toInstant().toString());
        row.put("publishedBy", rs.getString("published_by"));
        row.put("sha256", rs.getString("sha256"));
        if (rs.getString("language") != null) {
            row.put("language", rs.getString("language"));
        }
        return row;
    }

    private static Map<String, Object> adminLogRow(ResultSet rs) throws SQLException {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", rs.getLong("id"));
        row.put("at", rs.getTimestamp("at").toInstant().toString());
        row.put("actor", rs.getString("actor"));
        row.put("action", rs.getString("action"));
        row.put("targetType", rs.getString("target_type"));
        row.put("target", rs.getString("target"));
        row.put("before", rs.getString(7) == null ? null : Json.parse(rs.getString(7)));
        row.put("after", rs.getString(8) == null ? null : Json.parse(rs.getString(8)));
        return row;
    }
}
