package org.consentledger.retention;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.consentledger.support.Api;
import org.consentledger.support.Ledger;
import org.consentledger.support.OfflineVerifier;
import org.consentledger.support.OwnLedger;
import org.consentledger.support.Rows;
import org.consentledger.support.TestClock;
import org.consentledger.support.Tokens;
import org.consentledger.verify.CanonicalJson;
import org.consentledger.verify.Json;
import org.consentledger.verify.Leaves;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * Retention as a site owner and an auditor meet it: each event is kept until a day fixed when it
 * arrives, whole monthly partitions go when that day comes, the purge is on the record, and the
 * ledger still verifies with the purged events redacted.
 */
@Tag("database")
@QuarkusTest
@TestProfile(OwnLedger.class)
class RetentionTest {

    private static final String ADMIN_LOG = "/api/v1/audit/admin-log";

    @Inject
    DataSource dataSource;

    @Inject
    TestClock clock;

    @Inject
    RetentionJob job;

    @Inject
    EventPartitions partitions;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void anEventIsKeptThirteenMonthsBeyondItsRegimesLongestLifetimeUnlessTheSiteSaysOtherwise() {
        String siteKey = Api.createSite();
        UUID inGermany = post(siteKey, "DE");
        YearMonth thisMonth = YearMonth.now(ZoneOffset.UTC);
        // EEA decisions last up to 13 months: 13 + 13, counted from the month after receipt.
        assertThat(retainUntil(inGermany)).isEqualTo(thisMonth.plusMonths(27).atDay(1));

        setRetention(siteKey, 60).statusCode(200).body("retentionMonths", equalTo(60));
        UUID later = post(siteKey, "DE");
        assertThat(retainUntil(later)).isEqualTo(thisMonth.plusMonths(61).atDay(1));
        assertThat(Rows.count(dataSource, "select count(*) from consent_event_unscheduled")).isZero();
        Api.asAdmin().get("/api/v1/admin/sites/" + siteKey).then().statusCode(200).body("retentionMonths", equalTo(60));

        setRetention(siteKey, null).statusCode(200).body("retentionMonths", nullValue());
    }

    @Test
    void aPeriodShorterThanAConsentLifetimeOrLongerThanTheBoundIsRefusedNamingTheField() {
        String siteKey = Api.createSite();
        setRetention(siteKey, 12).statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("retentionMonths"));
        setRetention(siteKey, 121).statusCode(422).body("errors[0].field", equalTo("retentionMonths"));
        Api.asAdmin().body(Map.of("siteKey", Api.freshSiteKey(), "name", "Short", "retentionMonths", 3))
                .post("/api/v1/admin/sites").then().statusCode(400).body("errors[0].field", equalTo("retentionMonths"));
        Api.asAdmin().get("/api/v1/admin/sites/" + siteKey).then().statusCode(200).body("retentionMonths", nullValue());
    }

    private static final String TEXTS_OF_SITE = "select count(*) from event_text t join site s on s.id = t.site_id "
            + "where s.site_key = ?";

    @Test
    void dueEventsArePurgedWithARecordAndTheLedgerStillVerifiesWithThemRedacted() throws Exception {
        String siteKey = Api.createSite();
        setRetention(siteKey, 13).statusCode(200);
        String keptSite = Api.createSite();

        // Two years ago: events kept 13 months are due today, those kept the default 26 months are not.
        clock.advance(Duration.ofDays(-2 * 365));
        try (Connection c = dataSource.getConnection()) {
            partitions.ensureAhead(c);
        }
        List<UUID> purged = new ArrayList<>();
        String receipt = given().contentType(ContentType.JSON).header(Api.COUNTRY_HEADER, "DE")
                .body(Map.of("eventId", UUID.randomUUID().toString(), "visitorId", UUID.randomUUID().toString(),
                        "type", "ACCEPT_ALL"))
                .post("/api/v1/sites/" + siteKey + "/events").then().statusCode(201).extract().asString();
        purged.add(UUID.fromString(Json.parseObject(receipt).get("eventId").toString()));
        receipt = CanonicalJson.string(Json.parseObject(receipt).get("receipt"));
        UUID visitor = UUID.randomUUID();
        purged.add(post(siteKey, "DE"));
        purged.add(post(siteKey, "DE", visitor));
        UUID kept = post(keptSite, "DE");
        LocalDate keptUntil = retainUntil(purged.get(0));
        assertThat(keptUntil).isBefore(LocalDate.now(ZoneOffset.UTC));
        tellEndpoint(siteKey, purged.get(2)); // kept after the purge, naming an event and no visitor
        deliveredBody(siteKey, purged.get(2)); // forgotten with the event: it names the visitor
        deliveredBody(keptSite, kept);
        purged.forEach(this::awaitLeaf);
        awaitLeaf(kept);
        clock.reset();
        assertThat(Rows.count(dataSource, TEXTS_OF_SITE, siteKey)).as("the purged site's user agent").isPositive();

        job.run();

        // The user agent and outcome that only the purged events named go with them; the kept site's stay.
        assertThat(Rows.count(dataSource, TEXTS_OF_SITE, siteKey)).isZero();
        assertThat(Rows.count(dataSource, TEXTS_OF_SITE, keptSite)).as("its user agent and its outcome").isEqualTo(2);
        for (UUID eventId : purged) {
            assertThat(Rows.count(dataSource, "select count(*) from consent_event where event_id = ?", eventId)).isZero();
        }
        assertThat(Rows.count(dataSource, "select count(*) from consent_event where event_id = ?", kept)).isEqualTo(1);
        assertThat(Rows.count(dataSource, "select count(*) from webhook_delivery where event_id = ?", purged.get(2))).isZero();
        assertThat(Rows.count(dataSource, "select count(*) from webhook_delivery where event_id = ?", kept)).isEqualTo(1);
        assertThat(Rows.count(dataSource, "select count(*) from pg_class where relname = ?",
                "consent_event_" + keptUntil.getYear() + "_" + String.format("%02d", keptUntil.getMonthValue()))).isZero();

        Map<String, Object> purge = purgeRecord(keptUntil);
        @SuppressWarnings("unchecked")
        Map<String, Object> after = (Map<String, Object>) purge.get("after");
        assertThat(purge.get("actor")).isEqualTo("retention");
        assertThat(((Map<?, ?>) after.get("bySite")).get(siteKey)).isEqualTo(3);
        assertThat((String) after.get("rule")).contains("retention period");
        long purgeId = ((Number) purge.get("id")).longValue();

        // The export shows each purged event redacted, with its leaf hash, and names the purge.
        Ledger.awaitExportedRecord("admin_log", "id", String.valueOf(purgeId));
        String export = Files.readString(OfflineVerifier.export());
        for (UUID eventId : purged) {
            Map<String, Object> entry = entryOf(export, eventId);
            assertThat(entry).containsOnlyKeys("seq", "source", "leafHash", "redacted");
            assertThat(entry.get("redacted")).isEqualTo(Map.of("recordKey", Rows.eventRecordKey(siteKey, eventId),
                    "purgedBy", purgeId));
        }
        assertThat(entryOf(export, kept)).containsKey("record");
        OfflineVerifier.Run run = verify(export);
        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(run.output()).contains("redacted by").contains("retention purges");

        // The leaf is still in the tree: inclusion proofs keep working, and the visitor's receipt
        // says the event was included and then purged, online and offline.
        Ledger.awaitInclusion(purged.get(0));
        given().contentType(ContentType.JSON).body(receipt).post("/api/v1/ledger/receipts/check")
                .then().statusCode(200).body("status", equalTo("PURGED")).body("detail", containsString("retention"));
        OfflineVerifier.Run receiptRun = OfflineVerifier.checkReceipts(clock, OfflineVerifier.file("export", ".ndjson", export),
                OfflineVerifier.file("receipt", ".json", receipt));
        assertThat(receiptRun.exit()).as(receiptRun.output()).isZero();
        assertThat(receiptRun.output()).contains(": PURGED: ");

        // The visitor's evidence no longer holds the purged event, which nothing ties to them any
        // more, but it holds the site's purge record that explains the gap, and it verifies offline.
        UUID current = post(siteKey, "DE", visitor);
        Ledger.awaitInclusion(current);
        tellEndpoint(siteKey, current);
        Ledger.awaitExportedEntry(Leaves.WEBHOOK_DELIVERY, "eventId", current.toString());
        String evidence = Api.asAuditor().get("/api/v1/audit/sites/" + siteKey + "/visitors/" + visitor + "/evidence")
                .then().statusCode(200).extract().asString();
        assertThat(evidence).contains(current.toString()).doesNotContain(purged.get(2).toString());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> entries = (List<Map<String, Object>>) Json.parseObject(evidence).get("entries");
        assertThat(entries).filteredOn(entry -> Leaves.WEBHOOK_DELIVERY.equals(entry.get("source")))
                .extracting(entry -> (Object) ((Map<?, ?>) entry.get("record")).get("eventId")).containsExactly(current.toString());
        assertThat(entries).anySatisfy(entry -> {
            assertThat(entry.get("source")).isEqualTo("admin_log");
            assertThat(((Map<?, ?>) entry.get("record")).get("action")).isEqualTo("PURGE_SITE_EVENTS");
            assertThat(((Map<?, ?>) ((Map<?, ?>) entry.get("record")).get("after")).get("purge")).isEqualTo(purgeId);
        });
        OfflineVerifier.Run evidenceRun = OfflineVerifier.run(clock, "--key", Ledger.verifierKey(), "--evidence",
                OfflineVerifier.file("evidence", ".json", evidence).toString());
        assertThat(evidenceRun.exit()).as(evidenceRun.output()).isZero();

        // The eventId stays taken.
        given().contentType(ContentType.JSON).header(Api.COUNTRY_HEADER, "DE")
                .body(Map.of("eventId", purged.get(0).toString(), "visitorId", UUID.randomUUID().toString(),
                        "type", "ACCEPT_ALL"))
                .post("/api/v1/sites/" + siteKey + "/events")
                .then().statusCode(409).contentType("application/problem+json").body("detail", containsString("purged"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aScopedAuditorsEvidenceShowsOnlyItsOwnSitesPartOfAPurge() throws Exception {
        String siteKey = Api.createSite();
        String otherSite = Api.createSite();
        for (String site : List.of(siteKey, otherSite)) {
            setRetention(site, 13).statusCode(200);
        }
        // Three years ago: a month no other test here purges (a day is purged once).
        clock.advance(Duration.ofDays(-3 * 365));
        try (Connection c = dataSource.getConnection()) {
            partitions.ensureAhead(c);
        }
        UUID visitor = UUID.randomUUID();
        List<UUID> purged = List.of(post(siteKey, "DE", visitor), post(siteKey, "DE"));
        List<UUID> others = List.of(post(otherSite, "DE"), post(otherSite, "DE"), post(otherSite, "DE"));
        purged.forEach(this::awaitLeaf);
        others.forEach(this::awaitLeaf);
        clock.reset();
        job.run();
        long purgeId = ((Number) purgeRecord(retainUntil(purged.get(0))).get("id")).longValue();
        UUID current = post(siteKey, "DE", visitor);
        Ledger.awaitInclusion(current);

        String evidence = given().auth().oauth2(Tokens.withGroups("auditor:" + siteKey))
                .get("/api/v1/audit/sites/" + siteKey + "/visitors/" + visitor + "/evidence")
                .then().statusCode(200).extract().asString();
        List<Map<String, Object>> purges = purgeRecordsIn(evidence);
        assertThat(siteKeysIn(purges)).as("the site keys the evidence's purge records name").containsOnly(siteKey);
        assertThat(evidence).doesNotContain(otherSite);
        assertThat(purges).anySatisfy(record -> {
            assertThat(record.get("action")).isEqualTo("PURGE_SITE_EVENTS");
            assertThat(record.get("targetType")).isEqualTo("SITE");
            assertThat(record.get("target")).isEqualTo(siteKey);
            assertThat((Map<String, Object>) record.get("after")).containsOnlyKeys(SITE_PURGE_KEYS)
                    .containsEntry("purge", purgeId).containsEntry("events", 2L)
                    .containsEntry("retainUntil", retainUntil(purged.get(0)).toString())
                    .containsEntry("eventIdsSha256", sha256OfSorted(purged));
        });
        OfflineVerifier.Run run = OfflineVerifier.run(clock, "--key", Ledger.verifierKey(), "--evidence",
                OfflineVerifier.file("evidence", ".json", evidence).toString());
        assertThat(run.exit()).as(run.output()).isZero();
    }

    @Test
    void aRedactionNoPurgeAccountsForFailsVerification() throws Exception {
        String siteKey = Api.createSite();
        setRetention(siteKey, 13).statusCode(200);
        clock.advance(Duration.ofDays(-5 * 365));
        try (Connection c = dataSource.getConnection()) {
            partitions.ensureAhead(c);
        }
        UUID first = post(siteKey, "FR");
        UUID second = post(siteKey, "FR");
        awaitLeaf(first);
        awaitLeaf(second);
        clock.reset();
        job.run();
        long purgeId = ((Number) purgeRecord(retainUntil(first)).get("id")).longValue();
        Ledger.awaitExportedRecord("admin_log", "id", String.valueOf(purgeId));
        String export = Files.readString(OfflineVerifier.export());
        assertThat(verify(export).exit()).isZero();

        // Claiming a purge for a record it did not purge, or hiding one of its records, is caught.
        String line = lineOf(export, first);
        String otherPurge = export.replace(line, line.replace("\"purgedBy\":" + purgeId, "\"purgedBy\":" + (purgeId + 100_000)));
        assertThat(verify(otherPurge).output()).contains("not in this export");
        String otherKey = export.replace(line, line.replace(first.toString(), UUID.randomUUID().toString()));
        assertThat(verify(otherKey).output()).contains("not the ones its record states");
        String withoutRedaction = export.replace(line, line.replaceAll("\"redacted\":\\{[^}]*\\}", "\"record\":null"));
        assertThat(verify(withoutRedaction).exit()).isNotZero();
    }

    private OfflineVerifier.Run verify(String export) {
        Path file = OfflineVerifier.file("export", ".ndjson", export);
        return OfflineVerifier.run(clock, "--key", Ledger.verifierKey(), "--export", file.toString());
    }

    /** The record of an endpoint's 2xx answer to the event's consent.changed, as the delivery worker writes it. */
    private void tellEndpoint(String siteKey, UUID eventId) {
        Rows.execute(dataSource, "insert into webhook_delivery_record (site_id, endpoint_id, url_sha256, event_type, "
                + "event_id, message_id, status_code, delivered_at) select id, gen_random_uuid(), repeat('0', 64), "
                + "'consent.changed', ?, gen_random_uuid(), 200, now() from site where site_key = ?", eventId, siteKey);
    }

    /** A delivered consent.changed body in the outbox, naming the event's visitor as the real ones do. */
    private void deliveredBody(String siteKey, UUID eventId) {
        Rows.execute(dataSource, "insert into webhook_endpoint (id, site_id, url, events, secret, created_at) "
                + "select gen_random_uuid(), id, 'https://crm.example.com/hook', '{consent.changed}', 'whsec_x', now() "
                + "from site where site_key = ?", siteKey);
        Rows.execute(dataSource, "insert into webhook_delivery (message_id, endpoint_id, event_type, ordering_key, event_id, "
                + "payload, status, next_attempt_at, created_at) select gen_random_uuid(), w.id, 'consent.changed', "
                + "e.visitor_id, e.event_id, jsonb_build_object('data', jsonb_build_object('visitorId', e.visitor_id)), "
                + "'DELIVERED', e.received_at, e.received_at from webhook_endpoint w join site s on s.id = w.site_id "
                + "join consent_event e on e.event_id = ? where s.site_key = ?", eventId, siteKey);
    }

    /** Waits for the sequencer, read in the database: tokens are not valid while the clock is years back. */
    private void awaitLeaf(UUID eventId) {
        Ledger.await("a leaf for " + eventId, () -> Rows.leavesOfEvent(dataSource, eventId) == 1);
    }

    private UUID post(String siteKey, String country) {
        return post(siteKey, country, UUID.randomUUID());
    }

    private UUID post(String siteKey, String country, UUID visitor) {
        UUID eventId = UUID.randomUUID();
        given().contentType(ContentType.JSON).header(Api.COUNTRY_HEADER, country)
                .body(Map.of("eventId", eventId.toString(), "visitorId", visitor.toString(), "type", "ACCEPT_ALL"))
                .post("/api/v1/sites/" + siteKey + "/events").then().statusCode(201);
        return eventId;
    }

    private LocalDate retainUntil(UUID eventId) {
        try (Connection c = dataSource.getConnection();
                var ps = c.prepareStatement("select retain_until from consent_event_key where event_id = ?")) {
            ps.setObject(1, eventId);
            try (var rs = ps.executeQuery()) {
                assertThat(rs.next()).as("key of " + eventId).isTrue();
                return rs.getObject(1, LocalDate.class);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static io.restassured.response.ValidatableResponse setRetention(String siteKey, Integer months) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("name", "Example " + siteKey,
                "origins", List.of("https://www.example.com"), "categories", List.of("analytics", "marketing"),
                "impliedConsentCategories", List.of()));
        body.put("retentionMonths", months);
        return Api.asAdmin().body(body).put("/api/v1/admin/sites/" + siteKey).then();
    }

    /** The admin log's purge entry for the events kept until that day, as an auditor lists it. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> purgeRecord(LocalDate keptUntil) {
        String cursor = null;
        do {
            var request = Api.asAuditor().queryParam("limit", 1000);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            var page = request.get(ADMIN_LOG).then().statusCode(200).extract().jsonPath();
            for (Map<String, Object> item : page.<Map<String, Object>>getList("items")) {
                if ("PURGE_EVENTS".equals(item.get("action")) && keptUntil.toString().equals(item.get("target"))) {
                    return item;
                }
            }
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        throw new AssertionError("No purge record for the events kept until " + keptUntil);
    }

    /** The keys of a per-site purge record's {@code after}: pinned here and by GoldenRecords.SITE_PURGE. */
    private static final String[] SITE_PURGE_KEYS = { "events", "eventIdsSha256", "purge", "retainUntil", "rule" };

    /** The records of the evidence's admin log entries that are purges, of the whole log or of a site. */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> purgeRecordsIn(String evidence) {
        List<Map<String, Object>> purges = new ArrayList<>();
        for (Object entry : (List<Object>) Json.parseObject(evidence).get("entries")) {
            Map<String, Object> record = (Map<String, Object>) ((Map<String, Object>) entry).get("record");
            if ("admin_log".equals(((Map<String, Object>) entry).get("source"))
                    && String.valueOf(record.get("action")).startsWith("PURGE_")) {
                purges.add(record);
            }
        }
        return purges;
    }

    /** Every site key the purge records name: as their target, or as a key of their counts by site. */
    private static java.util.Set<String> siteKeysIn(List<Map<String, Object>> purges) {
        java.util.Set<String> keys = new java.util.TreeSet<>();
        for (Map<String, Object> record : purges) {
            if ("SITE".equals(record.get("targetType"))) {
                keys.add((String) record.get("target"));
            }
            if (((Map<?, ?>) record.get("after")).get("bySite") instanceof Map<?, ?> bySite) {
                bySite.keySet().forEach(key -> keys.add((String) key));
            }
        }
        return keys;
    }

    private static String sha256OfSorted(List<UUID> eventIds) throws Exception {
        java.security.MessageDigest digest = java.security.MessageDigest.getInstance("SHA-256");
        eventIds.stream().map(UUID::toString).sorted()
                .forEach(id -> digest.update((id + "\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        return java.util.HexFormat.of().formatHex(digest.digest());
    }

    private static Map<String, Object> entryOf(String export, UUID eventId) {
        return Json.parseObject(lineOf(export, eventId));
    }

    /** The export's line of the event's own leaf (not of a record that names it). */
    private static String lineOf(String export, UUID eventId) {
        for (String line : export.split("\n")) {
            if (line.contains(eventId.toString()) && "consent_event".equals(Json.parseObject(line).get("source"))) {
                return line;
            }
        }
        throw new AssertionError("Event " + eventId + " is not in the export");
    }
}
