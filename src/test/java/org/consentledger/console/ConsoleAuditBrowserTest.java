package org.consentledger.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.consentledger.support.Api.asAuditor;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.consentledger.common.Hashing;
import org.consentledger.support.Api;
import org.consentledger.support.ChromiumTestBase;
import org.consentledger.support.Ledger;
import org.consentledger.support.Rows;
import org.consentledger.support.Tokens;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/** An auditor reads the numbers, searches, exports and opens a visitor's record, and the console shows what the API says. */
@QuarkusTest
class ConsoleAuditBrowserTest extends ChromiumTestBase {

    @Inject
    DataSource dataSource;

    @Test
    void theSummaryShownIsTheApisSummaryForThePeriod() {
        String siteKey = seededSite();
        String period = period();
        JsonPath summary = asAuditor().get("/api/v1/audit/sites/" + siteKey + "/summary" + period).then().statusCode(200)
                .extract().jsonPath();
        try (ConsoleSession console = ConsoleSession.open(server).signIn(Tokens.auditor())) {
            console.chooseSite(siteKey);

            assertThat(console.find("#summary-total").getText()).isEqualTo(String.valueOf(summary.getLong("total")));
            assertThat(console.find("#summary-deciding").getText()).isEqualTo(String.valueOf(summary.getLong("visitorsWithDecision")));
            Map<String, Object> byType = summary.getMap("byType");
            assertThat(console.rows("#summary-by-type")).hasSize(byType.size())
                    .allSatisfy(row -> assertThat(row.get(1)).isEqualTo(String.valueOf(byType.get(row.get(0)))));
            Map<String, Map<String, Object>> grants = summary.getMap("categoryGrants");
            assertThat(console.rows("#summary-grants")).hasSize(grants.size()).allSatisfy(row -> {
                Map<String, Object> grant = grants.get(row.get(0));
                assertThat(row.get(1)).isEqualTo(String.valueOf(grant.get("granted")));
                assertThat(row.get(2)).isEqualTo(String.format(java.util.Locale.ROOT, "%.1f %%", ((Number) grant.get("share")).doubleValue() * 100));
            });
            assertThat(byType).containsEntry("ACCEPT_ALL", 3).containsEntry("REJECT_ALL", 2);
            console.screenshot("console-overtime");
        }
    }

    @Test
    void theDailyChartsTablesHoldTheTimeSeriesNumbers() {
        String siteKey = seededSite();
        Response response = asAuditor().get("/api/v1/audit/sites/" + siteKey + "/timeseries" + period() + "&bucket=day");
        Assumptions.assumeFalse(response.statusCode() == 404, "the timeseries endpoint is not on this server yet");
        List<Map<String, Object>> buckets = response.then().statusCode(200).extract().jsonPath().getList("buckets");
        try (ConsoleSession console = ConsoleSession.open(server).signIn(Tokens.auditor())) {
            console.chooseSite(siteKey);

            List<List<String>> byType = console.rows("table[data-chart='events-by-type']");
            List<List<String>> shares = console.rows("table[data-chart='category-shares']");
            assertThat(byType).hasSize(buckets.size());
            for (int i = 0; i < buckets.size(); i++) {
                Map<String, Object> bucket = buckets.get(i);
                assertThat(byType.get(i).get(0)).isEqualTo(((String) bucket.get("start")).substring(0, 10));
                assertThat(byType.get(i).get(1)).isEqualTo(String.valueOf(bucket.get("total")));
                assertThat(shares.get(i).get(1)).isEqualTo(String.valueOf(bucket.get("decidingVisitors")));
            }
            console.screenshot("console-overtime-charts");
        }
    }

    @Test
    void reconsentProgressShowsTheApisNumbers() {
        String siteKey = seededSite();
        String material = Api.publish(siteKey, "PRIVACY_POLICY", "2.0", true);
        Api.fromCountry("DE").body(Api.event("ACCEPT_ALL")).post("/api/v1/sites/" + siteKey + "/events").then().statusCode(201);
        Response response = asAuditor().get("/api/v1/audit/sites/" + siteKey + "/reconsent?versionId=" + material);
        Assumptions.assumeFalse(response.statusCode() == 404, "the reconsent endpoint is not on this server yet");
        JsonPath progress = response.then().statusCode(200).extract().jsonPath();
        try (ConsoleSession console = ConsoleSession.open(server).signIn(Tokens.auditor())) {
            console.go("reconsent?site=" + siteKey + "&versionId=" + material);

            assertThat(console.find("#reconsent-seen").getText()).isEqualTo(String.valueOf(progress.getLong("visitorsSeen")));
            assertThat(console.find("#reconsent-on-version").getText()).isEqualTo(String.valueOf(progress.getLong("visitorsOnVersion")));
            assertThat(console.rows("table[data-chart='reconsent-days']")).hasSize(progress.getList("days").size());
            console.screenshot("console-reconsent");
        }
    }

    @Test
    void theEventSearchPagesWithTheCursorAndFilters() {
        String siteKey = Api.siteWithPolicies();
        postBatch(siteKey, "ACCEPT_ALL", 30);
        postBatch(siteKey, "REJECT_ALL", 2);
        try (ConsoleSession console = ConsoleSession.open(server).signIn(Tokens.auditor())) {
            console.go("events?site=" + siteKey + "&type=ACCEPT_ALL&limit=25");

            assertThat(console.rows("#events-table")).hasSize(25).allSatisfy(row -> assertThat(row.get(1)).isEqualTo("ACCEPT_ALL"));
            console.click("next-page");
            console.browser().waitFor().until(d -> console.rows("#events-table").size() == 5);
            assertThat(console.findAll("#next-page")).isEmpty();
            console.click("previous-page");
            console.browser().waitFor().until(d -> console.rows("#events-table").size() == 25);
            console.screenshot("console-events");
        }
    }

    @Test
    void theExportButtonsSaveEveryMatchingEvent() {
        String siteKey = Api.siteWithPolicies();
        postBatch(siteKey, "ACCEPT_ALL", 7);
        postBatch(siteKey, "REJECT_ALL", 3);
        try (ConsoleSession console = ConsoleSession.open(server).keepingDownloads().signIn(Tokens.auditor())) {
            console.go("events?site=" + siteKey + "&type=ACCEPT_ALL");

            console.click("export-csv");
            List<String> csv = nonEmptyLines(console.downloaded("#download-csv"));
            console.click("export-ndjson");
            List<String> ndjson = nonEmptyLines(console.downloaded("#download-ndjson"));

            assertThat(csv).hasSize(1 + 7);
            assertThat(csv.get(0)).startsWith("event_id,");
            assertThat(csv.subList(1, 8)).allSatisfy(line -> assertThat(line).contains("ACCEPT_ALL"));
            assertThat(ndjson).hasSize(7).allSatisfy(line -> assertThat(line).startsWith("{").contains("\"type\":\"ACCEPT_ALL\""));
            assertThat(console.find("#download-ndjson").getAttribute("download")).isEqualTo(siteKey + "-events.ndjson");
        }
    }

    @Test
    void aCaliforniansHistoryShowsTheGppStringEachActGaveTheAdTech() {
        String siteKey = Api.siteWithPolicies();
        UUID visitor = UUID.randomUUID();
        Map<String, Object> event = new HashMap<>(Api.event("OPTED_OUT", visitor));
        event.put("gppString", "DBABLA~CVQVAAAAAACA.QA");
        Api.fromCountry("US").header(Api.REGION_HEADER, "US-CA").body(event)
                .post("/api/v1/sites/" + siteKey + "/events").then().statusCode(201);
        try (ConsoleSession console = ConsoleSession.open(server).signIn(Tokens.auditor())) {
            console.go("history?site=" + siteKey + "&visitorId=" + visitor);

            assertThat(console.find("#history-events .gpp").getText()).isEqualTo("DBABLA~CVQVAAAAAACA.QA");
        }
    }

    @Test
    void aVisitorsHistoryShowsEachNoticeAsStoredAndDownloadsTheEvidence() {
        String siteKey = Api.siteWithPolicies();
        String noticeId = Api.fromCountry("DE").get("/api/v1/sites/" + siteKey + "/notice?lang=de").then().statusCode(200)
                .extract().path("noticeId");
        UUID visitor = UUID.randomUUID();
        Map<String, Object> event = new HashMap<>(Api.event("ACCEPT_ALL", visitor));
        event.put("noticeId", noticeId);
        Api.fromCountry("DE").body(event).post("/api/v1/sites/" + siteKey + "/events").then().statusCode(201);
        Ledger.awaitInclusion(UUID.fromString((String) event.get("eventId")));
        UUID messageId = UUID.randomUUID();
        String urlSha256 = Hashing.sha256Hex("https://crm.example.com/hooks/consent".getBytes(StandardCharsets.UTF_8));
        Rows.execute(dataSource, "insert into webhook_delivery_record (site_id, endpoint_id, url_sha256, event_type, "
                + "event_id, message_id, status_code, delivered_at) select id, gen_random_uuid(), ?, "
                + "'consent.changed', ?::uuid, ?, 204, now() from site where site_key = ?",
                urlSha256, event.get("eventId"), messageId, siteKey); // as the worker writes a receiver's 204
        try (ConsoleSession console = ConsoleSession.open(server).keepingDownloads().signIn(Tokens.auditor())) {
            console.go("history?site=" + siteKey + "&visitorId=" + visitor);

            assertThat(console.findAll("#history-events > li")).hasSize(1);
            assertThat(console.find("#history-events [data-webhook-id='msg_" + messageId + "']").getText())
                    .contains("answered 204").contains(urlSha256);
            assertThat(console.find("#history-events .notice-preview").getAttribute("data-notice-id")).isEqualTo(noticeId);
            assertThat(console.find("#history-events .notice-preview").getText())
                    .contains("Regime EEA, mode EXPLICIT, language de").contains("PRIVACY_POLICY 1.0");
            console.click("evidence-button");
            String evidence = console.downloaded("#evidence-download a");
            assertThat(evidence).contains(visitor.toString()).contains((String) event.get("eventId")).contains(noticeId);
            console.screenshot("console-history");
        }
    }

    @Test
    void atPhoneWidthThePagesStayUsable() {
        String siteKey = seededSite();
        try (ConsoleSession console = ConsoleSession.open(server)) {
            console.browser().screen(375, 800);
            console.signIn(Tokens.auditor());
            console.go("events?site=" + siteKey);

            Object overflow = console.browser().script("return document.documentElement.scrollWidth - window.innerWidth");
            assertThat(((Number) overflow).intValue()).as("no sideways scrolling of the page").isLessThanOrEqualTo(0);
            console.screenshot("console-events-375");
        }
    }

    /** Five visitors from Germany decide: three accept, two reject. */
    private static String seededSite() {
        String siteKey = Api.siteWithPolicies();
        for (String type : List.of("ACCEPT_ALL", "ACCEPT_ALL", "ACCEPT_ALL", "REJECT_ALL", "REJECT_ALL")) {
            Api.fromCountry("DE").body(Api.event(type)).post("/api/v1/sites/" + siteKey + "/events").then().statusCode(201);
        }
        return siteKey;
    }

    private static void postBatch(String siteKey, String type, int count) {
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(Api.event(type));
        }
        Api.fromCountry("DE").body(Map.of("events", events)).post("/api/v1/sites/" + siteKey + "/events/batch")
                .then().statusCode(200);
    }

    /** The console's default period: the last 30 UTC days, today included. */
    private static String period() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        return "?from=" + today.minusDays(29) + "T00:00:00Z&to=" + today.plusDays(1) + "T00:00:00Z";
    }

    private static List<String> nonEmptyLines(String text) {
        return text.lines().filter(line -> !line.isBlank()).toList();
    }
}
