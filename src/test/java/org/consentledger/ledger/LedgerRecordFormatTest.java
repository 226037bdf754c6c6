package org.consentledger.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.consentledger.verify.CanonicalJson;
import org.consentledger.verify.GoldenRecords;
import org.consentledger.verify.Json;
import org.consentledger.verify.Leaves;
import org.consentledger.support.Ledger;
import org.consentledger.verify.CanonicalJson;
import org.consentledger.verify.GoldenRecords;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The ledger's record format version 1, end to end: rows with fixed ids and timestamps go in
 * through SQL, the triggers queue them, the sequencer hashes them, and the export must show each
 * record exactly as its golden vector, its leaf committed to those very bytes. It goes through the
 * database and HTTP only, so it holds however the code between them is arranged; a renamed key or
 * a changed value format fails here before it breaks the verification of every deployed ledger.
 */
@Tag("database")
@QuarkusTest
class LedgerRecordFormatTest {

    /** Any day with a partition: retention is not part of the record format. */
    private static final String KEPT_UNTIL = "(date_trunc('month', now()) + interval '20 months')::date";

    @Inject
    DataSource dataSource;

    /** The same rows for every test; inserting them again changes nothing. */
    @BeforeEach
    void insertGoldenRows() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            update(c, "insert into site (id, site_key, name, origins, categories, implied_consent_categories, "
                    + "created_at, updated_at) values (?, ?, 'Golden v1', '{https://www.example.com}', "
                    + "'{functional,analytics,marketing}', '{}', ?, ?) on conflict do nothing",
                    uuid(GoldenRecords.SITE_ID), GoldenRecords.SITE_KEY, at("2026-01-31T11:00:00Z"), at("2026-01-31T11:00:00Z"));
            update(c, "insert into policy_version (id, site_id, kind, version, title, url, content, eea_addendum, material, "
                    + "change_summary, effective_at, published_at, published_by, sha256) "
                    + "values (?, ?, 'PRIVACY_POLICY', '2026-01', ?, ?, ?, ?, true, null, ?, ?, 'golden-admin', ?) "
                    + "on conflict do nothing",
                    uuid(GoldenRecords.POLICY_VERSION_ID), uuid(GoldenRecords.SITE_ID), "Datenschutzerklärung",
                    "https://www.example.com/privacy?lang=de", "Line one.\nLine \"two\", with a \\ backslash.",
                    "Rights under the GDPR.", at("2026-01-31T12:00:00Z"), at("2026-01-31T11:59:59.123Z"),
                    GoldenRecords.POLICY_SHA256);
            update(c, "insert into policy_version (id, site_id, kind, version, title, url, content, eea_addendum, material, "
                    + "change_summary, effective_at, published_at, published_by, sha256) "
                    + "values (?, ?, 'COOKIE_POLICY', '2.0', 'Cookies', 'https://www.example.com/cookies', ?, null, false, "
                    + "'Typos', ?, ?, 'admin@example.com', ?) on conflict do nothing",
                    uuid(GoldenRecords.COOKIE_POLICY_ID), uuid(GoldenRecords.SITE_ID),
                    "Full text of COOKIE_POLICY 2.0\n\"quoted\" \u0007 é", at("2024-05-01T10:00:00Z"),
                    at("2024-04-30T08:15:30.120Z"), GoldenRecords.COOKIE_POLICY_SHA256);
            update(c, "insert into policy_translation (id, policy_version_id, language, title, url, content, eea_addendum, "
                    + "published_at, published_by, sha256) values (?, ?, 'de', 'Cookies', 'https://www.example.com/de/cookies', "
                    + "?, null, ?, 'admin@example.com', ?) on conflict do nothing",
                    uuid(GoldenRecords.TRANSLATION_ID), uuid(GoldenRecords.COOKIE_POLICY_ID), "Text \"zitiert\" ß",
                    at("2024-04-30T08:15:30.12Z"), GoldenRecords.TRANSLATION_SHA256);
            update(c, "insert into banner_text_set (id, site_id, language, version, texts, created_at, created_by) "
                    + "values (?, ?, 'fr-CA', 3, '{\"heading\": \"Vos choix\", \"close\": \"Fermer\"}'::jsonb, ?, "
                    + "'admin@example.com') on conflict do nothing",
                    uuid(GoldenRecords.BANNER_TEXT_SET_ID), uuid(GoldenRecords.SITE_ID), at("2024-05-01T10:00:00Z"));
            insertEventOnce(c, "insert into consent_event (event_id, site_id, visitor_id, type, document_version_ids, categories, "
                    + "basis, outcome, country, eea, jurisdiction_source, page_url, language, user_agent, ip_prefix, gpc, "
                    + "client_time, received_at, request_hash, retain_until) values (?, ?, ?, 'PREFERENCES_SAVED', array[?]::uuid[], "
                    + "'{analytics}', 'EXPLICIT', ?::jsonb, 'DE', true, 'HEADER', 'https://www.example.com/shop/cart', null, "
                    + "'Mozilla/5.0 (Golden)', '203.0.113.0/24', true, ?, ?, ?, " + KEPT_UNTIL + ")",
                    uuid(GoldenRecords.EVENT_ID), uuid(GoldenRecords.SITE_ID), uuid(GoldenRecords.VISITOR_ID),
                    uuid(GoldenRecords.POLICY_VERSION_ID),
                    "{\"basis\": \"EXPLICIT\", \"categories\": {\"analytics\": \"GRANTED\", \"functional\": \"DENIED\", "
                            + "\"marketing\": \"DENIED\", \"necessary\": \"GRANTED\"}, \"acknowledged\": [\""
                            + GoldenRecords.POLICY_VERSION_ID + "\"]}",
                    at("2026-01-31T13:00:00+01:00"), at("2026-01-31T12:00:01.250001Z"), "0".repeat(64));
            insertEventOnce(c, "insert into consent_event (event_id, site_id, visitor_id, type, document_version_ids, basis, "
                    + "outcome, country, region, eea, jurisdiction_source, regime, rules_version, gpc, received_at, "
                    + "request_hash, retain_until) values (?, ?, ?, 'BANNER_CLOSED', '{}', 'IMPLIED', ?::jsonb, 'US', 'US-CA', false, "
                    + "'HEADER', 'US-OPT-OUT', 1, true, ?, ?, " + KEPT_UNTIL + ")",
                    uuid(GoldenRecords.EVENT_WITH_REGIME_ID), uuid(GoldenRecords.SITE_ID), uuid(GoldenRecords.VISITOR_ID),
                    "{\"basis\": \"IMPLIED\", \"categories\": {\"marketing\": \"DENIED\", \"necessary\": \"GRANTED\"}, "
                            + "\"acknowledged\": [], \"optOut\": \"GPC\"}",
                    at("2026-11-27T12:00:00Z"), "0".repeat(64));
            insertEventOnce(c, "insert into consent_event (event_id, site_id, visitor_id, type, document_version_ids, basis, "
                    + "outcome, country, region, eea, jurisdiction_source, regime, rules_version, gpc, received_at, "
                    + "request_hash, retain_until, gpp) values (?, ?, ?, 'OPTED_OUT', '{}', 'EXPLICIT', ?::jsonb, 'US', 'US-CA', "
                    + "false, 'HEADER', 'US-OPT-OUT', 2, true, ?, ?, " + KEPT_UNTIL + ", ?)",
                    uuid(GoldenRecords.EVENT_WITH_GPP_ID), uuid(GoldenRecords.SITE_ID), uuid(GoldenRecords.VISITOR_ID),
                    "{\"basis\": \"EXPLICIT\", \"categories\": {\"marketing\": \"DENIED\", \"necessary\": \"GRANTED\"}, "
                            + "\"acknowledged\": [], \"optOut\": \"GPC\"}",
                    at("2026-12-07T12:00:00Z"), "0".repeat(64), GoldenRecords.GPP_STRING);
            update(c, "insert into admin_log (id, at, actor, action, target_type, target, before, after) "
                    + "overriding system value values (?, ?, 'golden-admin', 'SITE_UPDATED', 'SITE', ?, ?::jsonb, ?::jsonb) "
                    + "on conflict do nothing",
                    GoldenRecords.ADMIN_LOG_ID, at("2026-01-31T12:00:02Z"), GoldenRecords.SITE_KEY,
                    "{\"name\": \"Golden\", \"origins\": [\"https://www.example.com\"], \"categories\": [\"analytics\"], "
                            + "\"revision\": 1}",
                    "{\"name\": \"Golden v1\", \"origins\": [\"https://www.example.com\", \"https://shop.example.com\"], "
                            + "\"categories\": [\"analytics\", \"marketing\"], \"revision\": 2}");
            update(c, "insert into admin_log (id, at, actor, action, target_type, target, before, after) "
                    + "overriding system value values (?, ?, 'retention', 'PURGE_SITE_EVENTS', 'SITE', ?, null, ?::jsonb) "
                    + "on conflict do nothing",
                    GoldenRecords.SITE_PURGE_ID, at("2026-02-01T03:00:00Z"), GoldenRecords.SITE_KEY,
                    "{\"purge\": " + GoldenRecords.PURGE_ID + ", \"retainUntil\": \"2026-02-01\", \"events\": 1, "
                            + "\"eventIdsSha256\": \"3083abfc7e305e20f7717179553b069500cc0c2b1caaf51a22a3d2ba8b2f335d\", "
                            + "\"rule\": \"kept until the golden day\"}");
            update(c, "insert into admin_log (id, at, actor, action, target_type, target, before, after) "
                    + "overriding system value values (?, ?, 'admin@example.com', 'GOLDEN', 'SITE', 'golden', "
                    + "'{\"name\": \"Old\"}'::jsonb, ?::jsonb) on conflict do nothing",
                    GoldenRecords.ADMIN_LOG_NUMBERS_ID, at("2024-05-01T10:00:00.123456Z"),
                    "{\"n\": 7, \"neg\": -3, \"big\": 9007199254740993, \"huge\": 12345678901234567890, "
                            + "\"one\": 1.0, \"hundred\": 100.00, \"s\": \"é \\\"q\\\" \\u0001\", \"none\": null, "
                            + "\"list\": [1, {\"b\": true}], \"nested\": {\"z\": [], \"a\": {}}}");
            update(c, "insert into identity_event (id, site_id, visitor_id, user_hash, type, actor, at) "
                    + "overriding system value values (?, ?, ?, ?, 'UNLINKED', 'crm-backend', ?) on conflict do nothing",
                    GoldenRecords.IDENTITY_EVENT_ID, uuid(GoldenRecords.SITE_ID), uuid(GoldenRecords.VISITOR_ID),
                    GoldenRecords.USER_HASH, at("2026-02-01T10:30:00.000001+01:00"));
            update(c, "insert into webhook_delivery_record (id, site_id, endpoint_id, url_sha256, event_type, event_id, "
                    + "message_id, status_code, delivered_at) overriding system value "
                    + "values (?, ?, ?, ?, 'consent.changed', ?, ?, 204, ?) on conflict do nothing",
                    GoldenRecords.WEBHOOK_DELIVERY_ID, uuid(GoldenRecords.SITE_ID), uuid(GoldenRecords.WEBHOOK_ENDPOINT_ID),
                    GoldenRecords.WEBHOOK_URL_SHA256, uuid(GoldenRecords.EVENT_ID),
                    uuid(GoldenRecords.WEBHOOK_MESSAGE_ID), at("2026-01-31T13:00:02.500001+01:00"));
            c.commit();
        }
    }

    @Test
    void aConsentEventIsExportedInTheV1RecordFormat() {
        assertExportedAs(GoldenRecords.CONSENT_EVENT, Leaves.CONSENT_EVENT, "eventId", GoldenRecords.EVENT_ID);
    }

    @Test
    void anEventWithARegimeAddsItsFieldsOnlyWherePresent() {
        assertExportedAs(GoldenRecords.CONSENT_EVENT_WITH_REGIME, Leaves.CONSENT_EVENT, "eventId",
                GoldenRecords.EVENT_WITH_REGIME_ID);
    }

    @Test
    void anEventWithAGppStringAddsItOnlyWherePresent() {
        assertExportedAs(GoldenRecords.CONSENT_EVENT_WITH_GPP, Leaves.CONSENT_EVENT, "eventId",
                GoldenRecords.EVENT_WITH_GPP_ID);
    }

    @Test
    void aPolicyVersionIsExportedInTheV1RecordFormat() {
        assertExportedAs(GoldenRecords.POLICY_VERSION, Leaves.POLICY_VERSION, "id", GoldenRecords.POLICY_VERSION_ID);
    }

    @Test
    void aPolicyVersionWithoutAddendumKeepsItsNullItsControlCharacterAndItsMillisecondsZero() {
        assertExportedAs(GoldenRecords.COOKIE_POLICY_VERSION, Leaves.POLICY_VERSION, "id", GoldenRecords.COOKIE_POLICY_ID);
    }

    @Test
    void aTranslationIsExportedInTheV1RecordFormat() {
        assertExportedAs(GoldenRecords.POLICY_TRANSLATION, Leaves.POLICY_TRANSLATION, "id", GoldenRecords.TRANSLATION_ID);
    }

    @Test
    void aBannerTextSetIsExportedInTheV1RecordFormat() {
        assertExportedAs(GoldenRecords.BANNER_TEXT_SET, Leaves.BANNER_TEXT_SET, "id", GoldenRecords.BANNER_TEXT_SET_ID);
    }

    @Test
    void anAdminLogEntryIsExportedInTheV1RecordFormat() {
        assertExportedAs(GoldenRecords.ADMIN_LOG, Leaves.ADMIN_LOG, "id", String.valueOf(GoldenRecords.ADMIN_LOG_ID));
    }

    @Test
    void anAdminLogEntryHasTheGoldenBytesWhateverTheNumbersInItsJson() {
        assertExportedAs(GoldenRecords.ADMIN_LOG_NUMBERS, Leaves.ADMIN_LOG, "id",
                String.valueOf(GoldenRecords.ADMIN_LOG_NUMBERS_ID));
    }

    @Test
    void aSitesPurgeRecordIsExportedInTheV1RecordFormat() {
        assertExportedAs(GoldenRecords.SITE_PURGE, Leaves.ADMIN_LOG, "id", String.valueOf(GoldenRecords.SITE_PURGE_ID));
    }

    @Test
    void anIdentityEventIsExportedInTheV1RecordFormat() {
        assertExportedAs(GoldenRecords.IDENTITY_EVENT, Leaves.IDENTITY_EVENT, "id",
                String.valueOf(GoldenRecords.IDENTITY_EVENT_ID));
    }

    @Test
    void aWebhookDeliveryIsExportedInTheV1RecordFormat() {
        assertExportedAs(GoldenRecords.WEBHOOK_DELIVERY, Leaves.WEBHOOK_DELIVERY, "id",
                String.valueOf(GoldenRecords.WEBHOOK_DELIVERY_ID));
    }

    /** The export shows the record as its golden vector, and its leaf committed to exactly those bytes. */
    private static void assertExportedAs(String golden, String source, String keyField, String key) {
        Map<String, Object> entry = Ledger.awaitExportedEntry(source, keyField, key);
        assertThat(CanonicalJson.string(entry.get("record"))).isEqualTo(golden);
        assertThat(entry.get("leafHash")).as("the leaf hash").isEqualTo(Base64.getEncoder()
                .encodeToString(Leaves.hash((Long) entry.get("seq"), source, Json.parseObject(golden))));
    }

    /**
     * The golden event, unless an earlier test inserted it: since V27 a second insert of an eventId
     * from outside the service's writer fails where the claim trigger used to skip it.
     */
    private static void insertEventOnce(Connection c, String sql, UUID eventId, Object... rest) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select 1 from consent_event_key where event_id = ?")) {
            ps.setObject(1, eventId);
            try (var rs = ps.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
        }
        Object[] params = new Object[rest.length + 1];
        params[0] = eventId;
        System.arraycopy(rest, 0, params, 1, rest.length);
        update(c, sql, params);
    }

    private static void update(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            ps.executeUpdate();
        }
    }

    private static UUID uuid(String value) {
        return UUID.fromString(value);
    }

    private static OffsetDateTime at(String value) {
        return OffsetDateTime.parse(value);
    }
}
