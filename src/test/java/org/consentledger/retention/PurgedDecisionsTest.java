package org.consentledger.retention;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.consentledger.support.Api;
import org.consentledger.support.Ledger;
import org.consentledger.support.OwnLedger;
import org.consentledger.support.Rows;
import org.consentledger.support.TestClock;
import org.consentledger.support.Tokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * The standing decisions follow a purge: a decision whose event is purged gives way to what the
 * visitor's remaining events decide, by the same rule, or to none. In RetentionTest's service,
 * with the clock moved years back to record events that are due today.
 */
@Tag("database")
@QuarkusTest
@TestProfile(OwnLedger.class)
class PurgedDecisionsTest {

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
    void aPurgedDecisionGivesWayToWhatTheVisitorsRemainingEventsDecide() throws Exception {
        String siteKey = Api.createSite();
        Api.asAdmin().body(Map.of("name", "Example " + siteKey, "origins", List.of("https://www.example.com"),
                "categories", List.of("analytics"), "impliedConsentCategories", List.of(), "retentionMonths", 13))
                .put("/api/v1/admin/sites/" + siteKey).then().statusCode(200);
        // Four years ago: a month RetentionTest does not purge (a day is purged once).
        clock.advance(Duration.ofDays(-4 * 365));
        try (Connection c = dataSource.getConnection()) {
            partitions.ensureAhead(c);
        }
        UUID forgotten = UUID.randomUUID();
        UUID closedLater = UUID.randomUUID();
        UUID choseAgain = UUID.randomUUID();
        List<UUID> old = List.of(post(siteKey, forgotten, "ACCEPT_ALL"), post(siteKey, closedLater, "ACCEPT_ALL"),
                post(siteKey, choseAgain, "ACCEPT_ALL"));
        old.forEach(this::awaitLeaf);
        clock.reset();
        UUID closed = post(siteKey, closedLater, "BANNER_CLOSED");
        UUID rejected = post(siteKey, choseAgain, "REJECT_ALL");
        assertThat(decidingEvent(siteKey, closedLater)).as("an implied act does not override").isEqualTo(old.get(1));
        List.of(closed, rejected).forEach(this::awaitLeaf);

        job.run();

        String oldIds = old.stream().map(UUID::toString).collect(Collectors.joining(","));
        assertThat(Rows.count(dataSource, "select count(*) from consent_event where event_id::text = any(string_to_array(?, ','))",
                oldIds)).as("the old events are purged").isZero();
        assertThat(Rows.count(dataSource, "select count(*) from consent_decision "
                + "where event_id::text = any(string_to_array(?, ','))", oldIds)).as("no decision names a purged event").isZero();
        assertThat(decidingEvent(siteKey, forgotten)).as("nothing left, nothing decided").isNull();
        assertThat(decidingEvent(siteKey, closedLater)).as("what is left decides").isEqualTo(closed);
        assertThat(decidingEvent(siteKey, choseAgain)).isEqualTo(rejected);
        String decisions = "/api/v1/sites/" + siteKey + "/decisions";
        given().auth().oauth2(Tokens.service()).queryParam("visitorId", forgotten.toString()).get(decisions)
                .then().statusCode(200).body("decided", equalTo(false));
        given().auth().oauth2(Tokens.service()).queryParam("visitorId", closedLater.toString()).get(decisions)
                .then().statusCode(200).body("eventId", equalTo(closed.toString())).body("basis", equalTo("IMPLIED"));
    }

    /** The eventId of the visitor's standing decision, read in the database; null without one. */
    private UUID decidingEvent(String siteKey, UUID visitor) {
        String eventId = Rows.text(dataSource, "select (select d.event_id::text from consent_decision d join site s "
                + "on s.id = d.site_id where s.site_key = ? and d.visitor_id = ?)", siteKey, visitor);
        return eventId == null ? null : UUID.fromString(eventId);
    }

    /** Waits for the sequencer, read in the database: tokens are not valid while the clock is years back. */
    private void awaitLeaf(UUID eventId) {
        Ledger.await("a leaf for " + eventId, () -> Rows.leavesOfEvent(dataSource, eventId) == 1);
    }

    private static UUID post(String siteKey, UUID visitor, String type) {
        UUID eventId = UUID.randomUUID();
        given().contentType(ContentType.JSON).header(Api.COUNTRY_HEADER, "DE")
                .body(Map.of("eventId", eventId.toString(), "visitorId", visitor.toString(), "type", type))
                .post("/api/v1/sites/" + siteKey + "/events").then().statusCode(201);
        return eventId;
    }
}
