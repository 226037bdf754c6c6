package org.consentledger.audit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.consentledger.support.Api.asAuditor;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import javax.sql.DataSource;

import org.consentledger.support.Api;
import org.consentledger.support.Rows;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.filter.log.LogDetail;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;

@Tag("database")
@QuarkusTest
class AuditResourceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> AS_MAP = new TypeReference<>() {
    };

    @Inject
    DataSource dataSource;

    // ---- listing -------------------------------------------------------------------------------

    @Test
    void pagingFollowsTheCursorToTheEndGivingEveryEventOnceOldestFirstWhileNewEventsArrive() {
        String siteKey = Api.siteWithPolicies();
        List<String> posted = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            posted.add(post(siteKey, "DE", Api.event("NOTICE_SHOWN")));
        }

        Response first = events(siteKey, Map.of("limit", "2"));
        first.then().statusCode(200).body("items.eventId", contains(posted.get(0), posted.get(1)))
                .body("nextCursor", notNullValue());
        posted.add(post(siteKey, "DE", Api.event("ACCEPT_ALL")));
        posted.add(post(siteKey, "US", Api.event("REJECT_ALL")));

        List<String> seen = new ArrayList<>(first.jsonPath().getList("items.eventId", String.class));
        String cursor = first.jsonPath().getString("nextCursor");
        int pages = 1;
        while (cursor != null) {
            Response page = events(siteKey, Map.of("limit", "2", "cursor", cursor));
            page.then().log().ifValidationFails(LogDetail.ALL).statusCode(200);
            List<String> items = page.jsonPath().getList("items.eventId", String.class);
            assertThat(items).hasSizeBetween(1, 2);
            seen.addAll(items);
            cursor = page.jsonPath().getString("nextCursor");
            pages++;
            assertThat(pages).isLessThan(10);
        }

        assertThat(seen).containsExactlyElementsOf(posted);
        assertThat(pages).isEqualTo(3);
        assertThat(Rows.eventsOfSite(dataSource, siteKey)).isEqualTo(posted.size());
    }

    @Test
    void anEventIsListedWithEverythingTheServerRecorded() {
        String siteKey = Api.siteWithPolicies();
        UUID visitor = UUID.randomUUID();
        Map<String, Object> body = new HashMap<>(Api.event("PREFERENCES_SAVED", visitor));
        body.put("categories", List.of("analytics"));
        body.put("pageUrl", "https://www.example.com/shop/cart?email=someone@example.com#top");
        body.put("language", "de-DE");
        body.put("clientTime", "2026-01-31T12:00:00+01:00");
        body.put("gpc", true);
        String eventId = post(siteKey, "de", body, "Mozilla/5.0 (Test)");

        events(siteKey, Map.of()).then().log().ifValidationFails(LogDetail.ALL).statusCode(200)
                .body("items.size()", equalTo(1))
                .body("nextCursor", nullValue())
                .body("items[0].eventId", equalTo(eventId))
                .body("items[0].visitorId", equalTo(visitor.toString()))
                .body("items[0].type", equalTo("PREFERENCES_SAVED"))
                .body("items[0].documentVersionIds", equalTo(currentDocumentIds(siteKey)))
                .body("items[0].outcome.basis", equalTo("EXPLICIT"))
                .body("items[0].outcome.categories.analytics", equalTo("GRANTED"))
                .body("items[0].outcome.categories.marketing", equalTo("DENIED"))
                .body("items[0].jurisdiction.country", equalTo("DE"))
                .body("items[0].jurisdiction.eea", equalTo(true))
                .body("items[0].jurisdiction.source", equalTo("HEADER"))
                .body("items[0].pageUrl", equalTo("https://www.example.com/shop/cart"))
                .body("items[0].language", equalTo("de-DE"))
                .body("items[0].userAgent", equalTo("Mozilla/5.0 (Test)"))
                .body("items[0].ipPrefix", containsString("/"))
                .body("items[0].gpc", equalTo(true))
                .body("items[0].clientTime", equalTo("2026-01-31T11:00:00Z"))
                .body("items[0].receivedAt", notNullValue());
        assertThat(Rows.count(dataSource, "select count(*) from consent_event where event_id = ? and country = 'DE' "
                + "and page_url_id = (select id from event_text where kind = 'P' and value = 'https://www.example.com/shop/cart') and gpc", UUID.fromString(eventId))).isEqualTo(1);
    }

    @Test
    void filtersOnTypeJurisdictionCountryAndVisitorNarrowTheListing() {
        String siteKey = Api.siteWithPolicies();
        UUID returning = UUID.randomUUID();
        String shownInGermany = post(siteKey, "DE", Api.event("NOTICE_SHOWN", returning));
        String acceptedInGermany = post(siteKey, "DE", Api.event("ACCEPT_ALL", returning));
        String acceptedInFrance = post(siteKey, "FR", Api.event("ACCEPT_ALL"));
        String closedInTheUs = post(siteKey, "US", Api.event("BANNER_CLOSED"));

        assertThat(eventIds(siteKey, Map.of("type", "ACCEPT_ALL"))).containsExactly(acceptedInGermany, acceptedInFrance);
        assertThat(eventIds(siteKey, Map.of("eea", "true")))
                .containsExactly(shownInGermany, acceptedInGermany, acceptedInFrance);
        assertThat(eventIds(siteKey, Map.of("eea", "false"))).containsExactly(closedInTheUs);
        assertThat(eventIds(siteKey, Map.of("country", "DE"))).containsExactly(shownInGermany, acceptedInGermany);
        assertThat(eventIds(siteKey, Map.of("visitorId", returning.toString())))
                .containsExactly(shownInGermany, acceptedInGermany);
        assertThat(eventIds(siteKey, Map.of("type", "ACCEPT_ALL", "country", "DE"))).containsExactly(acceptedInGermany);
        assertThat(eventIds(siteKey, Map.of("type", "WITHDRAWN"))).isEmpty();
        assertThat(Rows.count(dataSource, "select count(*) from consent_event e join site s on s.id = e.site_id "
                + "where s.site_key = ? and e.eea", siteKey)).isEqualTo(3);
    }

    @Test
    void theDocumentVersionFilterFindsTheEventsThatShowedThatVersion() {
        String siteKey = Api.siteWithPolicies();
        String firstPrivacy = currentDocumentIds(siteKey).get(0);
        String before = post(siteKey, "DE", Api.event("ACCEPT_ALL"));
        String secondPrivacy = Api.publish(siteKey, "PRIVACY_POLICY", "2.0", true);
        String after = post(siteKey, "DE", Api.event("ACCEPT_ALL"));

        assertThat(eventIds(siteKey, Map.of("documentVersionId", firstPrivacy))).containsExactly(before);
        assertThat(eventIds(siteKey, Map.of("documentVersionId", secondPrivacy))).containsExactly(after);
        assertThat(Rows.count(dataSource, "select count(*) from consent_event where document_version_ids @> array[?]::uuid[]",
                UUID.fromString(secondPrivacy))).isEqualTo(1);
    }

    @Test
    void aTimeWindowIncludesItsStartAndExcludesItsEnd() {
        String siteKey = Api.siteWithPolicies();
        String earlier = post(siteKey, "DE", Api.event("NOTICE_SHOWN"));
        String inside = post(siteKey, "DE", Api.event("ACCEPT_ALL"));
        String later = post(siteKey, "DE", Api.event("REJECT_ALL"));
        Instant from = justAfter(receivedAt(siteKey, earlier));
        Instant to = justAfter(receivedAt(siteKey, inside));

        assertThat(eventIds(siteKey, Map.of("from", from.toString(), "to", to.toString()))).containsExactly(inside);
        assertThat(eventIds(siteKey, Map.of("from", to.toString()))).containsExactly(later);
        Instant insideReceivedAt = Instant.parse(events(siteKey, Map.of("type", "ACCEPT_ALL")).jsonPath()
                .getString("items[0].receivedAt"));
        assertThat(eventIds(siteKey, Map.of("from", insideReceivedAt.toString()))).containsExactly(inside, later);
        assertThat(eventIds(siteKey, Map.of("to", insideReceivedAt.toString()))).hasSize(1).doesNotContain(inside);
    }

    @ParameterizedTest(name = "{0}={1} is rejected")
    @CsvSource({
            "limit, 0",
            "limit, 1001",
            "limit, ten",
            "cursor, not-a-cursor",
            "cursor, djE6dGVu",
            "from, yesterday",
            "from, 2026-01-31T12:00:00",
            "to, 2026-13-01T00:00:00Z",
            "eea, maybe",
            "type, CLICKED",
            "country, Germany",
            "visitorId, 42",
            "documentVersionId, v1"
    })
    void aBadQueryParameterIsABadRequestNamingIt(String name, String value) {
        String siteKey = Api.createSite();
        post(siteKey, "DE", Api.event("ACCEPT_ALL"));

        events(siteKey, Map.of(name, value)).then().log().ifValidationFails(LogDetail.ALL)
                .statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("/problems/validation-failed"))
                .body("detail", containsString(name))
                .body("errors.field", contains(name));
    }

    @Test
    void aWindowThatEndsBeforeItStartsIsABadRequest() {
        String siteKey = Api.createSite();

        events(siteKey, Map.of("from", "2026-02-01T00:00:00Z", "to", "2026-01-01T00:00:00Z"))
                .then().statusCode(400).body("errors.field", contains("to"));
    }

    @Test
    void eventsOfAnUnknownSiteAreNotFound() {
        asAuditor().get("/api/v1/audit/sites/no-such-site/events")
                .then().statusCode(404).contentType("application/problem+json").body("type", equalTo("/problems/not-found"));
        asAuditor().get("/api/v1/audit/sites/no-such-site/events/export")
                .then().statusCode(404).contentType("application/problem+json");
        asAuditor().get("/api/v1/audit/sites/no-such-site/summary").then().statusCode(404);
        asAuditor().get("/api/v1/audit/sites/no-such-site/visitors/" + UUID.randomUUID() + "/history")
                .then().statusCode(404);
    }

    // ---- export --------------------------------------------------------------------------------

    @Test
    void aCsvExportHasTheHeaderAndOneLinePerFilteredEventAsAnAttachment() {
        String siteKey = Api.siteWithPolicies();
        String first = post(siteKey, "DE", Api.event("ACCEPT_ALL"));
        post(siteKey, "US", Api.event("NOTICE_SHOWN"));
        String third = post(siteKey, "US", Api.event("ACCEPT_ALL"));

        Response all = export(siteKey, Map.of("format", "csv"));
        all.then().log().ifValidationFails(LogDetail.ALL).statusCode(200)
                .contentType(containsString("text/csv"))
                .header("Content-Disposition", equalTo("attachment; filename=\"" + siteKey + "-events.csv\""));
        String body = all.asString();
        assertThat(body).startsWith(EventExport.CSV_HEADER).endsWith("\r\n");
        List<String> lines = List.of(body.split("\r\n"));
        assertThat(lines).hasSize(1 + 3);
        assertThat(lines).hasSize(1 + (int) Rows.eventsOfSite(dataSource, siteKey));

        List<List<String>> accepted = csvRows(export(siteKey, Map.of("format", "csv", "type", "ACCEPT_ALL")).asString());
        List<String> header = accepted.get(0);
        assertThat(accepted).hasSize(3);
        assertThat(accepted.subList(1, 3)).extracting(row -> row.get(header.indexOf("event_id")))
                .containsExactly(first, third);
        List<String> firstRow = accepted.get(1);
        assertThat(firstRow).hasSize(header.size());
        assertThat(firstRow.get(header.indexOf("site_key"))).isEqualTo(siteKey);
        assertThat(firstRow.get(header.indexOf("country"))).isEqualTo("DE");
        assertThat(firstRow.get(header.indexOf("eea"))).isEqualTo("true");
        assertThat(firstRow.get(header.indexOf("granted"))).isEqualTo("analytics functional marketing necessary");
        assertThat(firstRow.get(header.indexOf("denied"))).isEmpty();

        assertThat(csvRows(export(siteKey, Map.of("eea", "false")).asString())).hasSize(1 + 2);
    }

    @Test
    void csvCellsAreQuotedAndDefusedAgainstSpreadsheetFormulas() {
        String siteKey = Api.siteWithPolicies();
        String formula = "=HYPERLINK(\"https://evil.example\";\"click\")";
        String quoted = "Mozilla/5.0 (X11, Linux) \"Quoted\"";
        post(siteKey, "DE", Api.event("ACCEPT_ALL"), formula);
        post(siteKey, "DE", Api.event("ACCEPT_ALL"), quoted);
        post(siteKey, "DE", Api.event("ACCEPT_ALL"), "@SUM(A1:A9)");

        String body = export(siteKey, Map.of()).asString();
        List<List<String>> rows = csvRows(body);
        int userAgent = rows.get(0).indexOf("user_agent");

        assertThat(rows).hasSize(4);
        assertThat(rows.get(1).get(userAgent)).isEqualTo("'" + formula);
        assertThat(rows.get(2).get(userAgent)).isEqualTo(quoted);
        assertThat(rows.get(3).get(userAgent)).isEqualTo("'@SUM(A1:A9)");
        assertThat(body).contains(",\"'=HYPERLINK(\"\"https://evil.example\"\";\"\"click\"\")\",")
                .contains(",\"Mozilla/5.0 (X11, Linux) \"\"Quoted\"\"\",");
        assertThat(Rows.count(dataSource, "select count(*) from consent_event e join event_text t on t.id = e.user_agent_id where t.value = ?", formula))
                .as("the stored value stays as received").isEqualTo(1);
    }

    @Test
    void aTimeFilterBeyondTheYear9999IsRejectedNamingIt() {
        String siteKey = Api.siteWithPolicies();
        events(siteKey, Map.of("from", "+300000-01-01T00:00:00Z")).then().log().ifValidationFails().statusCode(400)
                .contentType("application/problem+json").body("errors.field", contains("from"));
        export(siteKey, Map.of("to", "+999999999-12-31T23:59:59Z")).then().log().ifValidationFails().statusCode(400)
                .body("errors.field", contains("to"));
        summary(siteKey, Map.of("from", "-5000-01-01T00:00:00Z")).then().log().ifValidationFails().statusCode(400)
                .body("errors.field", contains("from"));
    }

    @Test
    void aFormulaAfterASemicolonStaysTextInASpreadsheetThatSplitsOnSemicolons() {
        String siteKey = Api.siteWithPolicies();
        String attack = "Mozilla/5.0;=cmd|' /C calc'!A0;";
        post(siteKey, "DE", Api.event("ACCEPT_ALL"), attack);

        String body = export(siteKey, Map.of()).asString();
        List<List<String>> rows = csvRows(body);

        assertThat(rows.get(1).get(rows.get(0).indexOf("user_agent"))).isEqualTo("Mozilla/5.0;'=cmd|' /C calc'!A0;");
        assertThat(body).contains(",\"Mozilla/5.0;'=cmd|' /C calc'!A0;\",");
        // A reader that splits the line on ";" (German, French, Dutch locales) finds no formula either.
        String line = body.split("\r\n")[1];
        assertThat(line.split(";")).noneMatch(piece -> piece.startsWith("="));
        assertThat(Rows.count(dataSource, "select count(*) from consent_event e join event_text t on t.id = e.user_agent_id where t.value = ?", attack))
                .as("the stored value stays as received").isEqualTo(1);
    }

    @Test
    void anNdjsonExportHasOneObjectPerLineMatchingTheListing() throws Exception {
        String siteKey = Api.siteWithPolicies();
        post(siteKey, "DE", Api.event("NOTICE_SHOWN"));
        post(siteKey, "US", Api.event("BROWSING_CONTINUED"));
        String last = post(siteKey, "FR", Api.event("REJECT_ALL"));
        // Let the sequencer reach all three first, so export and listing show the same ledger fields.
        org.consentledger.support.Ledger.awaitInclusion(java.util.UUID.fromString(last));

        Response export = export(siteKey, Map.of("format", "ndjson"));
        export.then().log().ifValidationFails(LogDetail.ALL).statusCode(200)
                .contentType(containsString("application/x-ndjson"))
                .header("Content-Disposition", containsString(siteKey + "-events.ndjson"));
        String body = export.asString();
        assertThat(body).endsWith("\n");
        List<Map<String, Object>> exported = new ArrayList<>();
        for (String line : body.split("\n")) {
            assertThat(line).startsWith("{").endsWith("}");
            exported.add(JSON.readValue(line, AS_MAP));
        }
        Object listed = JSON.readValue(events(siteKey, Map.of()).asString(), AS_MAP).get("items");

        assertThat(exported).hasSize(3);
        assertThat(exported).isEqualTo(listed);

        String filtered = export(siteKey, Map.of("format", "ndjson", "country", "US")).asString();
        assertThat(filtered.split("\n")).hasSize(1);
        assertThat(JSON.readValue(filtered, AS_MAP)).containsEntry("type", "BROWSING_CONTINUED");
    }

    @Test
    void anUnknownExportFormatIsABadRequest() {
        String siteKey = Api.createSite();

        export(siteKey, Map.of("format", "xml")).then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", contains("format"));
    }

    // ---- visitor history -----------------------------------------------------------------------

    @Test
    void aVisitorsHistoryListsTheirEventsWithTheFingerprintsOfTheVersionsShown() {
        String siteKey = Api.siteWithPolicies();
        UUID visitor = UUID.randomUUID();
        String shown = post(siteKey, "DE", Api.event("NOTICE_SHOWN", visitor));
        post(siteKey, "DE", Api.event("ACCEPT_ALL"));
        String accepted = post(siteKey, "DE", Api.event("ACCEPT_ALL", visitor));
        List<Map<String, Object>> versions = Api.asAdmin().get("/api/v1/admin/sites/" + siteKey + "/policy-versions")
                .then().statusCode(200).extract().jsonPath().getList("$");

        ValidatableResponse history = asAuditor().get("/api/v1/audit/sites/" + siteKey + "/visitors/" + visitor + "/history")
                .then().log().ifValidationFails(LogDetail.ALL).statusCode(200)
                .body("siteKey", equalTo(siteKey))
                .body("visitorId", equalTo(visitor.toString()))
                .body("events.eventId", contains(shown, accepted))
                .body("events[1].type", equalTo("ACCEPT_ALL"))
                .body("events[1].outcome.basis", equalTo("EXPLICIT"));
        List<Map<String, Object>> documents = history.extract().jsonPath().getList("events[1].documents");
        assertThat(documents).hasSize(2);
        for (Map<String, Object> document : documents) {
            Map<String, Object> published = versions.stream().filter(v -> v.get("id").equals(document.get("id")))
                    .findFirst().orElseThrow();
            assertThat(document).containsOnlyKeys("id", "kind", "version", "sha256")
                    .containsEntry("kind", published.get("kind"))
                    .containsEntry("version", published.get("version"))
                    .containsEntry("sha256", published.get("sha256"));
            assertThat(Rows.count(dataSource, "select count(*) from policy_version where id = ? and sha256 = ?",
                    UUID.fromString((String) document.get("id")), document.get("sha256"))).isEqualTo(1);
        }
    }

    @Test
    void aVisitorWithoutEventsHasAnEmptyHistory() {
        String siteKey = Api.siteWithPolicies();

        asAuditor().get("/api/v1/audit/sites/" + siteKey + "/visitors/" + UUID.randomUUID() + "/history")
                .then().statusCode(200).body("events", empty());
    }

    @Test
    void aHistoryForAVisitorIdThatIsNotAUuidIsABadRequest() {
        String siteKey = Api.createSite();

        asAuditor().get("/api/v1/audit/sites/" + siteKey + "/visitors/not-a-uuid/history")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", contains("visitorId"));
    }

    // ---- summary -------------------------------------------------------------------------------

    @Test
    void theSummaryCountsAKnownMixOfEvents() {
        String siteKey = Api.siteWithPolicies();
        List<String> documents = currentDocumentIds(siteKey);
        UUID accepting = UUID.randomUUID();
        post(siteKey, "DE", Api.event("NOTICE_SHOWN", accepting));
        post(siteKey, "DE", Api.event("ACCEPT_ALL", accepting));
        post(siteKey, "DE", Api.event("BANNER_CLOSED"));
        post(siteKey, "US", Api.event("BROWSING_CONTINUED"));
        Map<String, Object> preferences = new HashMap<>(Api.event("PREFERENCES_SAVED"));
        preferences.put("categories", List.of("analytics"));
        post(siteKey, "US", preferences);
        post(siteKey, "US", Api.event("NOTICE_SHOWN"));

        summary(siteKey, Map.of()).then().log().ifValidationFails(LogDetail.ALL).statusCode(200)
                .body("siteKey", equalTo(siteKey))
                .body("total", equalTo(6))
                .body("byType.NOTICE_SHOWN", equalTo(2))
                .body("byType.ACCEPT_ALL", equalTo(1))
                .body("byType.BANNER_CLOSED", equalTo(1))
                .body("byType.BROWSING_CONTINUED", equalTo(1))
                .body("byType.PREFERENCES_SAVED", equalTo(1))
                .body("byType.REJECT_ALL", equalTo(0))
                .body("byType.WITHDRAWN", equalTo(0))
                .body("byJurisdiction.eea", equalTo(3))
                .body("byJurisdiction.nonEea", equalTo(3))
                .body("byDocumentVersion.id", contains(documents.get(0), documents.get(1)))
                .body("byDocumentVersion.kind", contains("PRIVACY_POLICY", "TERMS_OF_USE"))
                .body("byDocumentVersion.events", contains(6, 6))
                .body("visitorsWithDecision", equalTo(4))
                .body("categoryGrants.necessary.granted", equalTo(4))
                .body("categoryGrants.necessary.share", equalTo(1.0f))
                .body("categoryGrants.functional.granted", equalTo(2))
                .body("categoryGrants.functional.share", equalTo(0.5f))
                .body("categoryGrants.analytics.granted", equalTo(3))
                .body("categoryGrants.analytics.share", equalTo(0.75f))
                .body("categoryGrants.marketing.granted", equalTo(2))
                .body("categoryGrants.marketing.share", equalTo(0.5f));
        assertThat(Rows.eventsOfSite(dataSource, siteKey)).isEqualTo(6);
    }

    @Test
    void theSummaryWindowLeavesOutEventsOutsideIt() {
        String siteKey = Api.siteWithPolicies();
        String earlier = post(siteKey, "DE", Api.event("ACCEPT_ALL"));
        post(siteKey, "US", Api.event("REJECT_ALL"));
        String lastInside = post(siteKey, "US", Api.event("NOTICE_SHOWN"));
        post(siteKey, "DE", Api.event("WITHDRAWN"));
        Instant from = justAfter(receivedAt(siteKey, earlier));
        Instant to = justAfter(receivedAt(siteKey, lastInside));

        summary(siteKey, Map.of("from", from.toString(), "to", to.toString())).then()
                .log().ifValidationFails(LogDetail.ALL).statusCode(200)
                .body("from", equalTo(from.toString()))
                .body("to", equalTo(to.toString()))
                .body("total", equalTo(2))
                .body("byType.REJECT_ALL", equalTo(1))
                .body("byType.NOTICE_SHOWN", equalTo(1))
                .body("byType.ACCEPT_ALL", equalTo(0))
                .body("byType.WITHDRAWN", equalTo(0))
                .body("byJurisdiction.eea", equalTo(0))
                .body("byJurisdiction.nonEea", equalTo(2))
                .body("visitorsWithDecision", equalTo(1))
                .body("categoryGrants.analytics.granted", equalTo(0));
        summary(siteKey, Map.of()).then().statusCode(200).body("total", equalTo(4));
        summary(siteKey, Map.of("from", "soon")).then().statusCode(400).body("errors.field", contains("from"));
    }

    // ---- helpers -------------------------------------------------------------------------------

    private static String post(String siteKey, String country, Map<String, Object> event) {
        return post(siteKey, country, event, "consent-ledger-tests");
    }

    private static String post(String siteKey, String country, Map<String, Object> event, String userAgent) {
        Api.fromCountry(country).header("User-Agent", userAgent).body(event)
                .post("/api/v1/sites/" + siteKey + "/events")
                .then().log().ifValidationFails(LogDetail.ALL).statusCode(201);
        return (String) event.get("eventId");
    }

    private static Response events(String siteKey, Map<String, String> query) {
        return asAuditor().queryParams(query).get("/api/v1/audit/sites/" + siteKey + "/events");
    }

    private static List<String> eventIds(String siteKey, Map<String, String> query) {
        return events(siteKey, query).then().log().ifValidationFails(LogDetail.ALL).statusCode(200)
                .extract().jsonPath().getList("items.eventId", String.class);
    }

    private static Response export(String siteKey, Map<String, String> query) {
        return asAuditor().queryParams(query).get("/api/v1/audit/sites/" + siteKey + "/events/export");
    }

    private static Response summary(String siteKey, Map<String, String> query) {
        return asAuditor().queryParams(query).get("/api/v1/audit/sites/" + siteKey + "/summary");
    }

    /** The ids of the site's current documents, privacy policy first, as the banner's notice lists them. */
    private static List<String> currentDocumentIds(String siteKey) {
        List<Map<String, Object>> documents = given().get("/api/v1/sites/" + siteKey + "/notice")
                .then().statusCode(200).extract().jsonPath().getList("documents");
        return documents.stream().map(d -> (String) d.get("id")).toList();
    }

    /** When the service received the event, as the listing shows it. */
    private static Instant receivedAt(String siteKey, String eventId) {
        List<Map<String, Object>> items = events(siteKey, Map.of()).then().statusCode(200).extract().jsonPath()
                .getList("items");
        return items.stream().filter(item -> eventId.equals(item.get("eventId")))
                .map(item -> Instant.parse((String) item.get("receivedAt")))
                .findFirst().orElseThrow(() -> new AssertionError("event " + eventId + " is not listed"));
    }

    /**
     * The first moment after {@code instant} that the service tells apart from it: it keeps
     * timestamps to the microsecond. Events posted one after another are received microseconds
     * or more apart, so this moment lies strictly between an event and the next one.
     */
    private static Instant justAfter(Instant instant) {
        return instant.plus(1, ChronoUnit.MICROS);
    }

    /** A small RFC 4180 reader, so the test checks the quoting rather than trusting it. */
    private static List<List<String>> csvRows(String body) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < body.length() && body.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(cell.toString());
                cell.setLength(0);
            } else if (c == '\r' && i + 1 < body.length() && body.charAt(i + 1) == '\n') {
                row.add(cell.toString());
                cell.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                i++;
            } else {
                cell.append(c);
            }
        }
        assertThat(cell).as("the export ends with CRLF").isEmpty();
        return rows;
    }
}
