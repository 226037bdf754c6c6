package org.consentledger.consent;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.consentledger.support.Api.asAdmin;
import static org.consentledger.support.Api.fromCountry;
import static org.consentledger.support.Grants.ALL_GRANTED;
import static org.consentledger.support.Grants.ONLY_NECESSARY;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import javax.sql.DataSource;

import org.consentledger.support.Api;
import org.consentledger.support.Rows;
import org.consentledger.support.TestClock;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

@Tag("database")
@QuarkusTest
class EventResourceTest {

    @Inject
    DataSource dataSource;

    @Inject
    TestClock clock;

    private static String eventsOf(String siteKey) {
        return "/api/v1/sites/" + siteKey + "/events";
    }

    private static Map<String, Object> event(String type) {
        return new HashMap<>(Api.event(type));
    }

    private static ValidatableResponse post(RequestSpecification request, String siteKey, Map<String, Object> body) {
        return request.body(body).post(eventsOf(siteKey)).then().log().ifValidationFails();
    }

    private static List<String> currentDocumentIds(String siteKey) {
        return given().get("/api/v1/sites/" + siteKey + "/notice").then().statusCode(200).extract().path("documents.id");
    }

    /** A row's outcome, from the dictionary where it names one (V28). */
    private static final String OUTCOME = "coalesce((select t.value::jsonb from event_text t "
            + "where t.id = consent_event.outcome_id), consent_event.outcome)";

    private long rows(String where, Object... params) {
        return Rows.count(dataSource, "select count(*) from consent_event where " + where, params);
    }

    private static UUID idOf(Map<String, Object> event) {
        return UUID.fromString((String) event.get("eventId"));
    }

    @Test
    void recordingAnEventReturnsItsReceiptAndStoresOneRow() {
        String siteKey = Api.siteWithPolicies();
        Map<String, Object> body = event("ACCEPT_ALL");

        post(fromCountry("DE"), siteKey, body).statusCode(201)
                .header("Location", endsWith("/api/v1/sites/" + siteKey + "/events/" + body.get("eventId")))
                .body("eventId", equalTo(body.get("eventId")))
                .body("receivedAt", notNullValue())
                .body("jurisdiction.country", equalTo("DE"))
                .body("jurisdiction.eea", equalTo(true))
                .body("jurisdiction.source", equalTo("HEADER"))
                .body("outcome.basis", equalTo("EXPLICIT"))
                .body("outcome.categories", equalTo(ALL_GRANTED))
                .body("outcome.acknowledged", containsInAnyOrder(currentDocumentIds(siteKey).toArray()));

        assertThat(Rows.eventsOfSite(dataSource, siteKey)).isEqualTo(1);
        assertThat(rows("event_id = ? and visitor_id = ? and type = 'ACCEPT_ALL' and basis = 'EXPLICIT' and country = 'DE' "
                + "and eea and jurisdiction_source = 'HEADER' and not gpc and " + OUTCOME + " -> 'categories' ->> 'marketing' = 'GRANTED' "
                + "and cardinality(document_version_ids) = 2 and categories is null",
                idOf(body), UUID.fromString((String) body.get("visitorId")))).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = { "REJECT_ALL", "WITHDRAWN" })
    void rejectingOrWithdrawingGrantsOnlyNecessary(String type) {
        String siteKey = Api.siteWithPolicies();
        Map<String, Object> body = event(type);
        post(fromCountry("US"), siteKey, body).statusCode(201)
                .body("outcome.basis", equalTo("EXPLICIT"))
                .body("outcome.categories", equalTo(ONLY_NECESSARY));
        assertThat(rows("event_id = ? and basis = 'EXPLICIT' and " + OUTCOME + " -> 'categories' ->> 'analytics' = 'DENIED'",
                idOf(body))).isEqualTo(1);
    }

    @Test
    void savedPreferencesGrantNecessaryAndWhatWasChosen() {
        String siteKey = Api.siteWithPolicies();
        Map<String, Object> body = event("PREFERENCES_SAVED");
        body.put("categories", List.of("necessary", "analytics"));

        post(fromCountry("DE"), siteKey, body).statusCode(201)
                .body("outcome.basis", equalTo("EXPLICIT"))
                .body("outcome.categories", equalTo(Map.of("necessary", "GRANTED", "functional", "DENIED",
                        "analytics", "GRANTED", "marketing", "DENIED")));
        assertThat(rows("event_id = ? and categories = array['analytics']::text[]", idOf(body))).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = { "BANNER_CLOSED", "BROWSING_CONTINUED" })
    void anImpliedActInTheUnitedStatesGrantsTheSitesImpliedCategories(String type) {
        String siteKey = Api.siteWithPolicies();
        asAdmin().body(Map.of("name", "Shop", "origins", List.of("https://www.example.com"),
                        "categories", List.of("functional", "analytics", "marketing"),
                        "impliedConsentCategories", List.of("functional", "analytics")))
                .put("/api/v1/admin/sites/" + siteKey).then().statusCode(200);
        List<String> documents = currentDocumentIds(siteKey);
        Map<String, Object> body = event(type);

        post(fromCountry("US"), siteKey, body).statusCode(201)
                .body("jurisdiction.eea", equalTo(false))
                .body("outcome.basis", equalTo("IMPLIED"))
                .body("outcome.categories", equalTo(Map.of("necessary", "GRANTED", "functional", "GRANTED",
                        "analytics", "GRANTED", "marketing", "DENIED")))
                .body("outcome.acknowledged", containsInAnyOrder(documents.toArray()));
        assertThat(documents).hasSize(2);
        assertThat(rows("event_id = ? and basis = 'IMPLIED' and country = 'US' and not eea", idOf(body))).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = { "BANNER_CLOSED", "BROWSING_CONTINUED" })
    void anImpliedActInTheEeaGrantsOnlyNecessary(String type) {
        String siteKey = Api.siteWithPolicies();
        Map<String, Object> body = event(type);
        post(fromCountry("DE"), siteKey, body).statusCode(201)
                .body("outcome.basis", equalTo("IMPLIED"))
                .body("outcome.categories", equalTo(ONLY_NECESSARY))
                .body("outcome.acknowledged", hasSize(2));
        assertThat(rows("event_id = ? and basis = 'IMPLIED' and " + OUTCOME + " -> 'categories' ->> 'marketing' = 'DENIED'",
                idOf(body))).isEqualTo(1);
    }

    @Test
    void closingTheBannerWithoutACountryGrantsOnlyNecessary() {
        String siteKey = Api.siteWithPolicies();
        Map<String, Object> body = event("BANNER_CLOSED");
        post(given().contentType(ContentType.JSON), siteKey, body).statusCode(201)
                .body("jurisdiction.country", nullValue())
                .body("jurisdiction.eea", equalTo(true))
                .body("jurisdiction.source", equalTo("DEFAULT"))
                .body("outcome.categories", equalTo(ONLY_NECESSARY));
        assertThat(rows("event_id = ? and country is null and eea and jurisdiction_source = 'DEFAULT'", idOf(body)))
                .isEqualTo(1);
    }

    @Test
    void gpcInTheBodyRemovesMarketingFromAnImpliedAct() {
        String siteKey = Api.siteWithPolicies();
        Map<String, Object> body = event("BANNER_CLOSED");
        body.put("gpc", true);
        post(fromCountry("US"), siteKey, body).statusCode(201)
                .body("outcome.categories", equalTo(Map.of("necessary", "GRANTED", "functional", "GRANTED",
                        "analytics", "GRANTED", "marketing", "DENIED")));
        assertThat(rows("event_id = ? and gpc", idOf(body))).isEqualTo(1);
    }

    @Test
    void theGpcHeaderRemovesMarketingFromAnImpliedAct() {
        String siteKey = Api.siteWithPolicies();
        Map<String, Object> body = event("BROWSING_CONTINUED");
        post(fromCountry("US").header("Sec-GPC", "1"), siteKey, body).statusCode(201)
                .body("outcome.categories.marketing", equalTo("DENIED"))
                .body("outcome.categories.analytics", equalTo("GRANTED"));
        assertThat(rows("event_id = ? and gpc", idOf(body))).isEqualTo(1);
    }

    @Test
    void gpcDoesNotOverrideAnExplicitAcceptAll() {
        String siteKey = Api.siteWithPolicies();
        Map<String, Object> body = event("ACCEPT_ALL");
        body.put("gpc", true);
        post(fromCountry("US").header("Sec-GPC", "1"), siteKey, body).statusCode(201)
                .body("outcome.categories", equalTo(ALL_GRANTED));
    }

    @Test
    void showingTheNoticeDecidesNothing() {
        String siteKey = Api.siteWithPolicies();
        Map<String, Object> body = event("NOTICE_SHOWN");
        post(fromCountry("US"), siteKey, body).statusCode(201)
                .body("outcome.basis", equalTo("NONE"))
                .body("outcome.categories", equalTo(Map.of()))
                .body("outcome.acknowledged", hasSize(0));
        assertThat(rows("event_id = ? and basis = 'NONE'", idOf(body))).isEqualTo(1);
    }

    @Test
    void aRetryWithTheSameBodyReturnsTheOriginalReceipt() {
        String siteKey = Api.siteWithPolicies();
        Map<String, Object> body = event("ACCEPT_ALL");
        String receivedAt = post(fromCountry("DE"), siteKey, body).statusCode(201).extract().path("receivedAt");

        post(fromCountry("DE"), siteKey, body).statusCode(200)
                .body("eventId", equalTo(body.get("eventId")))
                .body("receivedAt", equalTo(receivedAt))
                .body("outcome.categories", equalTo(ALL_GRANTED));
        assertThat(rows("event_id = ?", idOf(body))).isEqualTo(1);
    }

    @Test
    void reusingAnEventIdWithADifferentBodyIsAConflict() {
        String siteKey = Api.siteWithPolicies();
        Map<String, Object> body = event("ACCEPT_ALL");
        post(fromCountry("DE"), siteKey, body).statusCode(201);

        Map<String, Object> changed = new HashMap<>(body);
        changed.put("type", "REJECT_ALL");
        post(fromCountry("DE"), siteKey, changed).statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("/problems/conflict"));
        assertThat(rows("event_id = ?", idOf(body))).isEqualTo(1);
        assertThat(rows("event_id = ? and type = 'ACCEPT_ALL'", idOf(body))).isEqualTo(1);
    }

    /**
     * An eventId is unique within its site (V30, keys a distributed database can shard by site).
     * Another site may record its own event under it, and a stranger posting one site's eventId to
     * another learns nothing of the first: before V30 the second site answered 409.
     */
    @Test
    void anEventIdIsUniqueWithinItsSiteOnly() {
        Map<String, Object> body = event("ACCEPT_ALL");
        String firstSite = Api.siteWithPolicies();
        post(fromCountry("DE"), firstSite, body).statusCode(201);
        String otherSite = Api.siteWithPolicies();
        Map<String, Object> other = new HashMap<>(body);
        other.put("type", "REJECT_ALL");

        post(fromCountry("DE"), otherSite, other).statusCode(201).body("outcome.categories", equalTo(ONLY_NECESSARY));
        post(fromCountry("DE"), otherSite, other).statusCode(200).body("outcome.categories", equalTo(ONLY_NECESSARY));
        post(fromCountry("DE"), firstSite, body).statusCode(200).body("outcome.categories", equalTo(ALL_GRANTED));
        post(fromCountry("DE"), firstSite, other).statusCode(409);
        assertThat(Rows.eventsOfSite(dataSource, otherSite)).isEqualTo(1);
        assertThat(Rows.eventsOfSite(dataSource, firstSite)).isEqualTo(1);

        // Each reaches the ledger under its own key, and a proof by eventId alone must name the site.
        UUID eventId = idOf(body);
        String firstKey = org.consentledger.support.Ledger.awaitInclusion(eventId, firstSite).getString("recordKey");
        String otherKey = org.consentledger.support.Ledger.awaitInclusion(eventId, otherSite).getString("recordKey");
        assertThat(firstKey).isNotEqualTo(otherKey).endsWith("/" + eventId);
        Api.asAuditor().queryParam("eventId", eventId.toString()).get("/api/v1/ledger/proof/inclusion")
                .then().statusCode(400).body("errors.field", contains("siteKey"));
    }

    private void assertRejected(String siteKey, Map<String, Object> body, String field) {
        post(fromCountry("DE"), siteKey, body).statusCode(400).contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("errors.field", contains(field));
        assertThat(Rows.eventsOfSite(dataSource, siteKey)).isZero();
    }

    @Test
    void aMissingEventIdIsRejected() {
        Map<String, Object> body = event("ACCEPT_ALL");
        body.remove("eventId");
        assertRejected(Api.siteWithPolicies(), body, "eventId");
    }

    @Test
    void aVisitorIdThatIsNotAUuidIsRejected() {
        Map<String, Object> body = event("ACCEPT_ALL");
        body.put("visitorId", "visitor-42");
        assertRejected(Api.siteWithPolicies(), body, "visitorId");
    }

    @Test
    void anUnknownEventTypeIsRejected() {
        assertRejected(Api.siteWithPolicies(), event("CLICKED_SOMEWHERE"), "type");
    }

    @Test
    void anUnknownFieldIsRejected() {
        Map<String, Object> body = event("ACCEPT_ALL");
        body.put("receivedAt", "2020-01-01T00:00:00Z");
        assertRejected(Api.siteWithPolicies(), body, "receivedAt");
    }

    @Test
    void categoriesAreOnlyAllowedWithSavedPreferences() {
        Map<String, Object> body = event("ACCEPT_ALL");
        body.put("categories", List.of("analytics"));
        assertRejected(Api.siteWithPolicies(), body, "categories");
    }

    @Test
    void anUnknownCategoryIsRejected() {
        Map<String, Object> body = event("PREFERENCES_SAVED");
        body.put("categories", List.of("analytics", "tracking"));
        assertRejected(Api.siteWithPolicies(), body, "categories");
    }

    @Test
    void aDocumentVersionOfAnotherSiteIsRejected() {
        String foreignVersion = Api.publish(Api.createSite(), "PRIVACY_POLICY", "1.0", true);
        Map<String, Object> body = event("ACCEPT_ALL");
        body.put("documentVersionIds", List.of(foreignVersion));
        assertRejected(Api.siteWithPolicies(), body, "documentVersionIds");
    }

    @Test
    void aJavascriptPageUrlIsRejected() {
        Map<String, Object> body = event("ACCEPT_ALL");
        body.put("pageUrl", "javascript:alert(1)");
        assertRejected(Api.siteWithPolicies(), body, "pageUrl");
    }

    @ParameterizedTest
    @ValueSource(strings = { "+100000-01-01T00:00:00Z", "-5000-01-01T00:00:00Z", "0000-12-31T23:59:59Z" })
    void aClientTimeOutsideTheYearsAnyoneStoresIsRejectedNamingIt(String time) {
        Map<String, Object> body = event("ACCEPT_ALL");
        body.put("clientTime", time);
        String siteKey = Api.siteWithPolicies();
        post(fromCountry("DE"), siteKey, body).statusCode(400).contentType("application/problem+json")
                .body("errors.field", contains("clientTime"))
                .body("errors.message", contains("must be a time between the years 1 and 9999"));
        assertThat(Rows.eventsOfSite(dataSource, siteKey)).isZero();
    }

    @Test
    void aNumberIsNeverReadAsAClientTime() {
        String siteKey = Api.siteWithPolicies();
        for (Object number : List.<Object>of(new BigDecimal("1E308"), 1_700_000_000L, 0)) {
            Map<String, Object> body = event("ACCEPT_ALL");
            body.put("clientTime", number);
            post(fromCountry("DE"), siteKey, body).statusCode(400).contentType("application/problem+json")
                    .body("errors.field", contains("clientTime"))
                    .body("errors.message", contains("has the wrong type"));
        }
        assertThat(Rows.eventsOfSite(dataSource, siteKey)).isZero();
    }

    @Test
    void aClientTimeMoreThanAYearBehindOrADayAheadOfTheServicesClockIsRejected() {
        String siteKey = Api.siteWithPolicies();
        Instant now = Instant.now();
        Map<String, Object> twoDaysOld = event("ACCEPT_ALL");
        twoDaysOld.put("clientTime", now.minus(Duration.ofDays(2)).toString());
        post(fromCountry("DE"), siteKey, twoDaysOld).statusCode(201);

        for (Instant wrong : List.of(now.minus(Duration.ofDays(400)), now.plus(Duration.ofDays(2)))) {
            Map<String, Object> body = event("ACCEPT_ALL");
            body.put("clientTime", wrong.toString());
            post(fromCountry("DE"), siteKey, body).statusCode(400).body("errors.field", contains("clientTime"));
        }
        // The window follows the service's clock: four days behind, a time two days old is two days ahead.
        try {
            clock.advance(Duration.ofDays(-4));
            Map<String, Object> body = event("ACCEPT_ALL");
            body.put("clientTime", now.minus(Duration.ofDays(2)).toString());
            post(fromCountry("DE"), siteKey, body).statusCode(400).body("errors.field", contains("clientTime"));
        } finally {
            clock.reset();
        }
        assertThat(Rows.eventsOfSite(dataSource, siteKey)).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = { "https://www.example.com/a\\u0000b", "https://www.example.com/\\ud800", "https://www.example.com/\\udc00x" })
    void aPageUrlWithNulOrAnUnpairedSurrogateIsRejectedNamingIt(String escaped) {
        String siteKey = Api.siteWithPolicies();
        String json = "{\"eventId\":\"" + UUID.randomUUID() + "\",\"visitorId\":\"" + UUID.randomUUID()
                + "\",\"type\":\"ACCEPT_ALL\",\"pageUrl\":\"" + escaped + "\"}";
        fromCountry("DE").body(json).post(eventsOf(siteKey)).then().log().ifValidationFails().statusCode(400)
                .contentType("application/problem+json").body("errors.field", contains("pageUrl"));
        assertThat(Rows.eventsOfSite(dataSource, siteKey)).isZero();
    }

    @Test
    void aPageUrlOneCharacterTooLongOnceRecordedIsRejected() {
        Map<String, Object> body = event("ACCEPT_ALL");
        body.put("pageUrl", "https://" + "h".repeat(2040)); // 2048 characters; recorded with a "/" it would be 2049
        assertRejected(Api.siteWithPolicies(), body, "pageUrl");
    }

    @Test
    void valuesOfTheWrongJsonTypeAreRejectedRatherThanConverted() {
        Map<String, Object> numericType = event("ACCEPT_ALL");
        numericType.put("type", 3);
        assertRejected(Api.siteWithPolicies(), numericType, "type");
        for (Object gpc : List.<Object>of("true", 1)) {
            Map<String, Object> body = event("BANNER_CLOSED");
            body.put("gpc", gpc);
            assertRejected(Api.siteWithPolicies(), body, "gpc");
        }
        Map<String, Object> numericUrl = event("ACCEPT_ALL");
        numericUrl.put("pageUrl", 42);
        assertRejected(Api.siteWithPolicies(), numericUrl, "pageUrl");
    }

    @Test
    void anEmptyBodyOrJsonNullIsRefusedNamingTheBody() {
        String siteKey = Api.siteWithPolicies();
        for (String body : List.of("", "null")) {
            fromCountry("DE").body(body).post(eventsOf(siteKey)).then().log().ifValidationFails().statusCode(400)
                    .contentType("application/problem+json").body("errors.field", contains("body"));
        }
        assertThat(Rows.eventsOfSite(dataSource, siteKey)).isZero();
    }

    @Test
    void aFieldGivenTwiceOrTrailingTokensAreMalformed() {
        String siteKey = Api.siteWithPolicies();
        String event = "{\"eventId\":\"" + UUID.randomUUID() + "\",\"visitorId\":\"" + UUID.randomUUID()
                + "\",\"type\":\"ACCEPT_ALL\"";
        for (String json : List.of(event + ",\"type\":\"REJECT_ALL\"}", event + "}}")) {
            fromCountry("DE").body(json).post(eventsOf(siteKey)).then().log().ifValidationFails().statusCode(400)
                    .contentType("application/problem+json").body("type", equalTo("/problems/malformed-json"));
        }
        assertThat(Rows.eventsOfSite(dataSource, siteKey)).isZero();
    }

    @Test
    void aForeignOriginMayNotRecordEvents() {
        String siteKey = Api.siteWithPolicies();
        post(fromCountry("DE").header("Origin", "https://evil.example"), siteKey, event("ACCEPT_ALL")).statusCode(403);
        assertThat(Rows.eventsOfSite(dataSource, siteKey)).isZero();
    }

    @Test
    void anUnknownSiteIsNotFound() {
        post(fromCountry("DE"), "no-such-site", event("ACCEPT_ALL")).statusCode(404).contentType("application/problem+json");
    }

    @Test
    void thePageUrlIsStoredWithoutQueryOrFragmentAndTheAddressOnlyAsAPrefix() {
        String siteKey = Api.siteWithPolicies();
        Map<String, Object> body = event("ACCEPT_ALL");
        body.put("pageUrl", "https://www.example.com/checkout?email=someone%40example.com#payment");
        body.put("language", "de-DE");
        post(fromCountry("DE").header("User-Agent", "TestBrowser/1.0"), siteKey, body).statusCode(201);

        assertThat(rows("event_id = ? and page_url_id = (select id from event_text where kind = 'P' "
                + "and value = 'https://www.example.com/checkout') and language = 'de-DE' and user_agent_id = "
                + "(select id from event_text where kind = 'U' and value = 'TestBrowser/1.0') and ip_prefix = '127.0.0.0/24'",
                idOf(body))).isEqualTo(1);
        assertThat(rows("event_id = ? and (row_to_json(consent_event)::text like '%127.0.0.1%' "
                + "or row_to_json(consent_event)::text like '%someone%')", idOf(body))).isZero();
        assertThat(Rows.count(dataSource, "select count(*) from event_text where value like '%127.0.0.1%' "
                + "or value like '%someone%'")).isZero();
    }

    @Test
    void aBatchRecordsEachValidEventAndReportsEachInvalidOne() {
        String siteKey = Api.siteWithPolicies();
        Map<String, Object> accepted = event("ACCEPT_ALL");
        Map<String, Object> noEventId = event("REJECT_ALL");
        noEventId.remove("eventId");
        Map<String, Object> closed = event("BANNER_CLOSED");
        Map<String, Object> unknownCategory = event("PREFERENCES_SAVED");
        unknownCategory.put("categories", List.of("tracking"));
        Map<String, Object> batch = Map.of("events", List.of(accepted, noEventId, closed, unknownCategory));

        fromCountry("US").body(batch).post(eventsOf(siteKey) + "/batch")
                .then().log().ifValidationFails().statusCode(200)
                .body("results.status", contains(201, 400, 201, 400))
                .body("results.index", contains(0, 1, 2, 3))
                .body("results[0].eventId", equalTo(accepted.get("eventId")))
                .body("results[0].event.outcome.categories", equalTo(ALL_GRANTED))
                .body("results[1].problem.errors.field", contains("eventId"))
                .body("results[2].event.outcome.basis", equalTo("IMPLIED"))
                .body("results[3].eventId", equalTo(unknownCategory.get("eventId")))
                .body("results[3].problem.errors.field", contains("categories"));

        assertThat(Rows.eventsOfSite(dataSource, siteKey)).isEqualTo(2);
        assertThat(rows("event_id in (?, ?)", idOf(accepted), idOf(closed))).isEqualTo(2);
        assertThat(rows("event_id = ?", idOf(unknownCategory))).isZero();

        fromCountry("US").body(Map.of("events", List.of(accepted))).post(eventsOf(siteKey) + "/batch")
                .then().statusCode(200).body("results.status", contains(200));
        assertThat(Rows.eventsOfSite(dataSource, siteKey)).isEqualTo(2);
    }

    @Test
    void aBatchWithBadEventsCommitsTheOthersAndGivesEachBadOneItsOwn400() {
        String siteKey = Api.siteWithPolicies();
        Map<String, Object> first = event("ACCEPT_ALL");
        Map<String, Object> farFuture = event("REJECT_ALL");
        farFuture.put("clientTime", "+100000-01-01T00:00:00Z");
        Map<String, Object> second = event("BANNER_CLOSED");
        Map<String, Object> wrongType = event("NOTICE_SHOWN");
        wrongType.put("gpc", "yes");
        Map<String, Object> tooOld = event("WITHDRAWN");
        tooOld.put("clientTime", "1970-01-01T00:00:00Z");
        Map<String, Object> batch = Map.of("events", List.of(first, farFuture, second, wrongType, tooOld));

        fromCountry("US").body(batch).post(eventsOf(siteKey) + "/batch")
                .then().log().ifValidationFails().statusCode(200)
                .body("results.status", contains(201, 400, 201, 400, 400))
                .body("results[1].problem.errors.field", contains("clientTime"))
                .body("results[3].eventId", equalTo(wrongType.get("eventId")))
                .body("results[3].problem.errors.field", contains("gpc"))
                .body("results[4].problem.errors.field", contains("clientTime"));

        assertThat(Rows.eventsOfSite(dataSource, siteKey)).isEqualTo(2);
        assertThat(rows("event_id in (?, ?)", idOf(first), idOf(second))).isEqualTo(2);
    }

    @Test
    void aBatchOfMoreThanAHundredEventsIsRejected() {
        String siteKey = Api.siteWithPolicies();
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            events.add(Api.event("NOTICE_SHOWN"));
        }
        fromCountry("US").body(Map.of("events", events)).post(eventsOf(siteKey) + "/batch")
                .then().log().ifValidationFails().statusCode(400).contentType("application/problem+json")
                .body("errors.field", contains("events"));
        assertThat(Rows.eventsOfSite(dataSource, siteKey)).isZero();
    }

    @Test
    void anEmptyBatchIsRejected() {
        String siteKey = Api.siteWithPolicies();
        fromCountry("US").body(Map.of("events", List.of())).post(eventsOf(siteKey) + "/batch")
                .then().log().ifValidationFails().statusCode(400).contentType("application/problem+json")
                .body("errors.field", contains("events"));
    }

    private static ValidatableResponse consentOf(String siteKey, UUID visitorId) {
        return given().get("/api/v1/sites/" + siteKey + "/visitors/" + visitorId + "/consent")
                .then().log().ifValidationFails().statusCode(200);
    }

    @Test
    void aVisitorWithoutEventsMustBeAsked() {
        String siteKey = Api.siteWithPolicies();
        UUID visitor = UUID.randomUUID();
        consentOf(siteKey, visitor)
                .body("visitorId", equalTo(visitor.toString()))
                .body("eventId", nullValue())
                .body("outcome", nullValue())
                .body("reconsentRequired", equalTo(true));
    }

    @Test
    void aVisitorWhoAcceptedNeedNotBeAskedAgainUntilAMaterialChange() {
        String siteKey = Api.siteWithPolicies();
        UUID visitor = UUID.randomUUID();
        Map<String, Object> accepted = new HashMap<>(Api.event("ACCEPT_ALL", visitor));
        post(fromCountry("DE"), siteKey, accepted).statusCode(201);

        consentOf(siteKey, visitor)
                .body("eventId", equalTo(accepted.get("eventId")))
                .body("outcome.basis", equalTo("EXPLICIT"))
                .body("outcome.categories", equalTo(ALL_GRANTED))
                .body("reconsentRequired", equalTo(false));

        Api.publish(siteKey, "PRIVACY_POLICY", "2.0", true);
        consentOf(siteKey, visitor).body("eventId", equalTo(accepted.get("eventId"))).body("reconsentRequired", equalTo(true));
    }

    @Test
    void aNonMaterialChangeDoesNotAskAgain() {
        String siteKey = Api.siteWithPolicies();
        UUID visitor = UUID.randomUUID();
        post(fromCountry("DE"), siteKey, new HashMap<>(Api.event("ACCEPT_ALL", visitor))).statusCode(201);

        Api.publish(siteKey, "PRIVACY_POLICY", "1.0.1", false);
        consentOf(siteKey, visitor).body("reconsentRequired", equalTo(false));
    }

    @Test
    void showingTheNoticeIsNotADecision() {
        String siteKey = Api.siteWithPolicies();
        UUID visitor = UUID.randomUUID();
        post(fromCountry("DE"), siteKey, new HashMap<>(Api.event("NOTICE_SHOWN", visitor))).statusCode(201);
        consentOf(siteKey, visitor).body("eventId", nullValue()).body("outcome", nullValue())
                .body("reconsentRequired", equalTo(true));

        Map<String, Object> rejected = new HashMap<>(Api.event("REJECT_ALL", visitor));
        post(fromCountry("DE"), siteKey, rejected).statusCode(201);
        post(fromCountry("DE"), siteKey, new HashMap<>(Api.event("NOTICE_SHOWN", visitor))).statusCode(201);
        consentOf(siteKey, visitor).body("eventId", equalTo(rejected.get("eventId")))
                .body("outcome.categories", equalTo(ONLY_NECESSARY))
                .body("reconsentRequired", equalTo(false));
    }

    @Test
    void theStandingConsentIsTheLatestDecision() {
        String siteKey = Api.siteWithPolicies();
        UUID visitor = UUID.randomUUID();
        post(fromCountry("DE"), siteKey, new HashMap<>(Api.event("ACCEPT_ALL", visitor))).statusCode(201);
        Map<String, Object> withdrawn = new HashMap<>(Api.event("WITHDRAWN", visitor));
        post(fromCountry("DE"), siteKey, withdrawn).statusCode(201);

        Response consent = given().get("/api/v1/sites/" + siteKey + "/visitors/" + visitor + "/consent");
        consent.then().statusCode(200).body("eventId", equalTo(withdrawn.get("eventId")))
                .body("outcome.categories", equalTo(ONLY_NECESSARY));
    }
}
