package org.consentledger.observability;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import jakarta.inject.Inject;

import org.consentledger.edge.RateLimitResourceTest;
import org.consentledger.ledger.LedgerMetrics;
import org.consentledger.support.Api;
import org.consentledger.support.LogCapture;
import org.consentledger.support.Scrape;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * What /q/metrics shows after events are accepted, refused and rate-limited. Under the rate-limit
 * tests' profile (a client's burst is 5), so that a 429 takes a few requests; each test is its own
 * client on its own site, and reads the counters before and after.
 */
@QuarkusTest
@TestProfile(RateLimitResourceTest.TightLimits.class)
class MetricsResourceTest {

    private static final String EVENTS_ROUTE = "POST /api/v1/sites/{siteKey}/events";
    private static int clients;

    @Inject
    LedgerMetrics ledgerMetrics;

    @Test
    void acceptedRefusedAndRateLimitedEventsMoveTheirCountersByOneEachWithTheirTags() {
        String siteKey = Api.siteWithPolicies();
        String client = newClient();
        Scrape before = Scrape.now();
        int accepted;
        try (LogCapture refusals = LogCapture.of("consent.security")) {
            post(client, siteKey, Api.event("ACCEPT_ALL")).then().statusCode(201);
            post(client, siteKey, Map.of("eventId", java.util.UUID.randomUUID().toString(), "type", "REJECT_ALL")).then()
                    .statusCode(400);
            post(client, siteKey, "{\"eventId\": ").then().statusCode(400);
            given().header("X-Forwarded-For", client).header("Origin", "https://elsewhere.example")
                    .contentType(ContentType.JSON).body(Api.event("BANNER_CLOSED"))
                    .post("/api/v1/sites/" + siteKey + "/events").then().statusCode(403);
            accepted = 1;
            while (post(client, siteKey, Api.event("NOTICE_SHOWN")).statusCode() == 201) {
                accepted++;
                assertThat(accepted).as("the client's burst of 5 runs dry").isLessThan(6);
            }
        }
        Scrape after = Scrape.now();
        int acceptedAtLast = accepted;

        assertThat(delta(before, after, "consent_events_accepted_total", "type", "ACCEPT_ALL", "eea", "true",
                "jurisdiction_source", "DEFAULT", "replay", "false", "regime", "DEFAULT")).isEqualTo(1);
        assertThat(delta(before, after, "consent_outcome_categories_total", "category", "analytics", "grant", "granted"))
                .isEqualTo(1);
        assertThat(delta(before, after, "consent_events_refused_total", "type", "unknown", "status", "400",
                "reason", "validation-failed")).isEqualTo(1);
        assertThat(delta(before, after, "consent_events_refused_total", "type", "unknown", "status", "400",
                "reason", "malformed-json")).isEqualTo(1);
        assertThat(delta(before, after, "consent_events_refused_total", "type", "BANNER_CLOSED", "status", "403",
                "reason", "forbidden")).isEqualTo(1);
        assertThat(delta(before, after, "consent_events_refused_total", "type", "NOTICE_SHOWN", "status", "429",
                "reason", "rate-limited")).isEqualTo(1);
        assertThat(delta(before, after, "consent_refused_origins_total", "site", siteKey)).isEqualTo(1);
        assertThat(delta(before, after, "consent_rate_limited_total", "limit", "client-rate", "route", EVENTS_ROUTE,
                "site", "")).isEqualTo(1);
        assertThat(delta(before, after, "consent_ingest_latency_seconds_count", "route", "event")).isEqualTo(acceptedAtLast);
        assertThat(after.sum("consent_writer_commit_seconds_count")).isGreaterThan(before.sum("consent_writer_commit_seconds_count"));
        assertThat(after.value("consent_writer_queue_depth")).isBetween(0.0, 20_000.0);
        assertThat(after.hasSeriesStartingWith("agroal_")).as("the pool's meters").isTrue();
        assertThat(after.hasSeriesStartingWith("http_server_requests_seconds")).isTrue();
    }

    @Test
    void aBatchCountsEachOfItsEvents() {
        String siteKey = Api.siteWithPolicies();
        Scrape before = Scrape.now();
        post(newClient(), siteKey, Map.of("events", java.util.List.of(Api.event("REJECT_ALL"),
                Map.of("eventId", java.util.UUID.randomUUID().toString(), "type", "WITHDRAWN")))).then().statusCode(200);
        Scrape after = Scrape.now();
        assertThat(delta(before, after, "consent_events_accepted_total", "type", "REJECT_ALL")).isEqualTo(1);
        assertThat(delta(before, after, "consent_events_refused_total", "type", "WITHDRAWN", "status", "400")).isEqualTo(1);
        assertThat(delta(before, after, "consent_ingest_latency_seconds_count", "route", "batch")).isEqualTo(1);
    }

    @Test
    void theLedgerGaugesArePresentAndSane() throws Exception {
        Api.postEvent(Api.siteWithPolicies(), "ACCEPT_ALL");
        ledgerMetrics.refresh();
        Scrape scrape = Scrape.now();
        assertThat(scrape.value("consent_ledger_healthy")).isEqualTo(1.0);
        assertThat(scrape.value("consent_ledger_lag_seconds")).isBetween(0.0, 60.0);
        assertThat(scrape.value("consent_ledger_sequencer_backlog")).isGreaterThanOrEqualTo(0.0);
        assertThat(scrape.value("consent_ledger_unsigned_leaves")).isGreaterThanOrEqualTo(0.0);
        double age = scrape.value("consent_ledger_checkpoint_age_seconds");
        assertThat(Double.isNaN(age) || age >= 0).as("checkpoint age %s", age).isTrue();
    }

    @Test
    void everyConsentMetricFamilyHasHelpText() throws Exception {
        String siteKey = Api.siteWithPolicies();
        String client = newClient();
        try (LogCapture refusals = LogCapture.of("consent.security")) {
            post(client, siteKey, Api.event("ACCEPT_ALL")).then().statusCode(201);
            post(client, siteKey, Map.of("eventId", java.util.UUID.randomUUID().toString(), "type", "REJECT_ALL")).then()
                    .statusCode(400);
            given().header("X-Forwarded-For", client).header("Origin", "https://elsewhere.example")
                    .contentType(ContentType.JSON).body(Api.event("BANNER_CLOSED"))
                    .post("/api/v1/sites/" + siteKey + "/events").then().statusCode(403);
            for (int i = 0; post(client, siteKey, Api.event("NOTICE_SHOWN")).statusCode() != 429; i++) {
                assertThat(i).as("the client's burst of 5 runs dry").isLessThan(6);
            }
        }
        ledgerMetrics.refresh();
        Scrape scrape = Scrape.now();

        java.util.Set<String> families = scrape.families("consent_");
        assertThat(families).as("every kind of meter of ours was made").contains("consent_events_accepted",
                "consent_events_refused", "consent_refused_origins", "consent_rate_limited", "consent_outcome_categories",
                "consent_ingest_latency_seconds", "consent_writer_queue_depth", "consent_ledger_healthy");
        assertThat(families).filteredOn(family -> scrape.help(family).isBlank()).as("families without HELP text").isEmpty();
    }

    private static double delta(Scrape before, Scrape after, String name, String... labels) {
        return after.sum(name, labels) - before.sum(name, labels);
    }

    private static synchronized String newClient() {
        clients++;
        return "203.0." + (clients % 250) + "." + (10 + clients % 200);
    }

    private static Response post(String client, String siteKey, Object body) {
        return given().header("X-Forwarded-For", client).contentType(ContentType.JSON).body(body)
                .post("/api/v1/sites/" + siteKey + (body instanceof Map<?, ?> m && m.containsKey("events") ? "/events/batch" : "/events"));
    }
}
