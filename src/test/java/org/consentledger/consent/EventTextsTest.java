package org.consentledger.consent;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;

import java.sql.Connection;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.consentledger.jurisdiction.Jurisdiction;
import org.consentledger.support.Api;
import org.consentledger.support.Rows;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * User agents and page URLs (V26) and outcomes (V28) are kept once per site in event_text, and
 * every reader still sees each event's own.
 */
@Tag("database")
@QuarkusTest
class EventTextsTest {

    private static final String BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0";

    @Inject
    DataSource dataSource;

    @Test
    void eachSiteKeepsAUserAgentAndAPageOnceAndTheAuditSeesThemOnEveryEvent() {
        String siteKey = Api.siteWithPolicies();
        String otherSite = Api.siteWithPolicies();
        for (int i = 0; i < 3; i++) {
            post(siteKey, "https://www.example.com/news/" + (i % 2), BROWSER);
        }
        post(otherSite, "https://www.example.com/news/0", BROWSER);

        assertThat(texts(siteKey, "U")).isEqualTo(1);
        assertThat(texts(siteKey, "P")).isEqualTo(2);
        assertThat(texts(otherSite, "U")).as("no entry is shared between sites").isEqualTo(1);
        assertThat(Rows.count(dataSource, "select count(*) from consent_event e join site s on s.id = e.site_id "
                + "where s.site_key = ? and e.user_agent is null and e.page_url is null and e.user_agent_id is not null "
                + "and e.page_url_id is not null", siteKey)).as("no text inline").isEqualTo(3);
        Api.asAuditor().get("/api/v1/audit/sites/" + siteKey + "/events").then().statusCode(200)
                .body("items", hasSize(3)).body("items.userAgent", everyItem(equalTo(BROWSER)))
                .body("items.findAll { it.pageUrl == 'https://www.example.com/news/0' }", hasSize(2))
                .body("items.findAll { it.pageUrl == 'https://www.example.com/news/1' }", hasSize(1));
    }

    @Test
    void eachSiteKeepsAnOutcomeOnceAndEveryReaderSeesItOnItsEvents() {
        String siteKey = Api.siteWithPolicies();
        UUID accepting = UUID.randomUUID();
        Api.fromCountry("DE").body(Api.event("ACCEPT_ALL", accepting)).post("/api/v1/sites/" + siteKey + "/events")
                .then().statusCode(201);
        for (String type : List.of("ACCEPT_ALL", "ACCEPT_ALL", "REJECT_ALL")) {
            Api.fromCountry("DE").body(Api.event(type)).post("/api/v1/sites/" + siteKey + "/events").then().statusCode(201);
        }

        assertThat(texts(siteKey, "O")).as("two distinct outcomes").isEqualTo(2);
        assertThat(Rows.count(dataSource, "select count(*) from consent_event e join site s on s.id = e.site_id "
                + "where s.site_key = ? and e.outcome is null and e.outcome_id is not null", siteKey))
                .as("no outcome inline").isEqualTo(4);
        Api.asAuditor().get("/api/v1/audit/sites/" + siteKey + "/events").then().statusCode(200)
                .body("items.findAll { it.outcome.categories.analytics == 'GRANTED' }", hasSize(3))
                .body("items.findAll { it.outcome.categories.analytics == 'DENIED' }", hasSize(1))
                .body("items.outcome.basis", everyItem(equalTo("EXPLICIT")));
        Api.asAuditor().get("/api/v1/audit/sites/" + siteKey + "/summary").then().statusCode(200)
                .body("categoryGrants.analytics.granted", equalTo(3)).body("categoryGrants.necessary.granted", equalTo(4));
        Api.fromCountry("DE").get("/api/v1/sites/" + siteKey + "/visitors/" + accepting + "/consent").then()
                .statusCode(200).body("outcome.categories.analytics", equalTo("GRANTED"));
    }

    @Test
    void anEventWithItsOutcomeNeitherInlineNorInTheDictionaryIsRefused() {
        String siteKey = Api.siteWithPolicies();

        assertThatThrownBy(() -> Rows.execute(dataSource, "insert into consent_event (event_id, site_id, visitor_id, "
                + "type, document_version_ids, basis, eea, jurisdiction_source, gpc, received_at, request_hash, "
                + "retain_until) select gen_random_uuid(), id, gen_random_uuid(), 'NOTICE_SHOWN', '{}', 'NONE', false, "
                + "'HEADER', false, now(), repeat('0', 64), date_trunc('month', now() + interval '3 years')::date "
                + "from site where site_key = ?", siteKey)).hasMessageContaining("consent_event_outcome_kept");
        assertThat(Rows.eventsOfSite(dataSource, siteKey)).isZero();
    }

    @Test
    void anEventWrittenBeforeTheDictionaryStillReadsItsInlineText() {
        String siteKey = Api.siteWithPolicies();
        Rows.execute(dataSource, "insert into consent_event (event_id, site_id, visitor_id, type, document_version_ids, "
                + "basis, outcome, eea, jurisdiction_source, gpc, received_at, request_hash, retain_until, user_agent, "
                + "page_url) select gen_random_uuid(), id, gen_random_uuid(), 'NOTICE_SHOWN', '{}', 'NONE', "
                + "'{\"basis\": \"NONE\", \"categories\": {}, \"acknowledged\": []}', false, 'HEADER', false, now(), "
                + "repeat('0', 64), date_trunc('month', now() + interval '3 years')::date, 'OldBrowser/1.0', "
                + "'https://www.example.com/old' from site where site_key = ?", siteKey);

        Api.asAuditor().get("/api/v1/audit/sites/" + siteKey + "/events").then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].userAgent", equalTo("OldBrowser/1.0"))
                .body("items[0].outcome.basis", equalTo("NONE"))
                .body("items[0].pageUrl", equalTo("https://www.example.com/old"));
    }

    @Test
    void theIdsHeldInMemoryAreBoundedAndEveryEventStillGetsItsOwn() throws Exception {
        UUID siteId = UUID.fromString(Rows.text(dataSource, "select id::text from site where site_key = ?",
                Api.siteWithPolicies()));
        EventTexts texts = new EventTexts(4, 1_000_000);
        List<NewEvent> events = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            events.add(event(siteId, "Agent/" + i, "https://www.example.com/" + i));
        }
        try (Connection c = dataSource.getConnection()) {
            for (List<NewEvent> batch : List.of(events.subList(0, 3), events.subList(3, 6), events.subList(0, 6))) {
                EventTexts.Ids ids = texts.resolve(c, batch);
                assertThat(texts.heldCount()).isLessThanOrEqualTo(4 + 2 * batch.size());
                for (NewEvent event : batch) {
                    assertThat(Rows.text(dataSource, "select value from event_text where id = ?", ids.userAgent(event)))
                            .isEqualTo(event.userAgent());
                    assertThat(Rows.text(dataSource, "select value from event_text where id = ?", ids.pageUrl(event)))
                            .isEqualTo(event.stated().pageUrl());
                }
            }
        }
        assertThat(texts.heldCount()).isLessThanOrEqualTo(4 + 12);
    }

    @Test
    void theCharactersHeldInMemoryAreBoundedToo() throws Exception {
        UUID siteId = UUID.fromString(Rows.text(dataSource, "select id::text from site where site_key = ?",
                Api.siteWithPolicies()));
        EventTexts texts = new EventTexts(1_000, 5_000);
        try (Connection c = dataSource.getConnection()) {
            for (int i = 0; i < 6; i++) {
                NewEvent event = event(siteId, "Agent", "https://www.example.com/" + "p".repeat(2_000) + i);
                EventTexts.Ids ids = texts.resolve(c, List.of(event));
                assertThat(texts.heldChars()).isLessThanOrEqualTo(5_000);
                assertThat(Rows.text(dataSource, "select value from event_text where id = ?", ids.pageUrl(event)))
                        .isEqualTo(event.stated().pageUrl());
            }
        }
    }

    private long texts(String siteKey, String kind) {
        return Rows.count(dataSource, "select count(*) from event_text t join site s on s.id = t.site_id "
                + "where s.site_key = ? and t.kind = ?", siteKey, kind);
    }

    private static void post(String siteKey, String pageUrl, String userAgent) {
        Map<String, Object> event = new HashMap<>(Api.event("ACCEPT_ALL"));
        event.put("pageUrl", pageUrl);
        given().contentType(ContentType.JSON).header("User-Agent", userAgent).body(event)
                .post("/api/v1/sites/" + siteKey + "/events").then().statusCode(201);
    }

    private static NewEvent event(UUID siteId, String userAgent, String pageUrl) {
        EventRequest stated = new EventRequest(UUID.randomUUID(), UUID.randomUUID(), EventType.NOTICE_SHOWN, List.of(),
                null, pageUrl, null, null, false, null, null);
        return new NewEvent(siteId, "site", stated, null, Jurisdiction.UNKNOWN, userAgent, null, Instant.now(), "0",
                LocalDate.now().withDayOfMonth(1).plusYears(2));
    }
}
