package org.consentledger.consent;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.consentledger.support.Api;
import org.consentledger.support.Ledger;
import org.consentledger.support.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.filter.log.LogDetail;

/**
 * A decision lasts its regime's lifetime under the rules version that decided it, then the banner
 * asks again. Time moves with the TestClock; each decision is in the ledger first, so moving the
 * clock raises no merge-delay alarm.
 */
@Tag("database")
@QuarkusTest
class ConsentExpiryTest {

    @Inject
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    /** Posts the decision and returns when it was received. */
    private static Instant decide(String siteKey, String country, String type, UUID visitor) {
        Map<String, Object> event = Api.event(type, visitor);
        String receivedAt = Api.fromCountry(country).body(event).post("/api/v1/sites/" + siteKey + "/events")
                .then().log().ifValidationFails(LogDetail.ALL).statusCode(201).extract().path("receivedAt");
        Ledger.awaitInclusion(UUID.fromString((String) event.get("eventId")));
        return Instant.parse(receivedAt);
    }

    private void moveTo(Instant moment) {
        clock.advance(Duration.between(clock.instant(), moment));
    }

    private static boolean reconsentRequired(String siteKey, UUID visitor) {
        return given().get("/api/v1/sites/" + siteKey + "/visitors/" + visitor + "/consent").then().statusCode(200)
                .extract().path("reconsentRequired");
    }

    private static Instant plusMonths(Instant instant, int months) {
        return instant.atOffset(ZoneOffset.UTC).plusMonths(months).toInstant();
    }

    @Test
    void anAcceptanceInTheEeaLastsThirteenMonths() {
        String siteKey = Api.siteWithPolicies();
        UUID visitor = UUID.randomUUID();
        Instant decided = decide(siteKey, "DE", "ACCEPT_ALL", visitor);

        moveTo(plusMonths(decided, 13).minusSeconds(2));
        assertThat(reconsentRequired(siteKey, visitor)).isFalse();
        moveTo(plusMonths(decided, 13).plusSeconds(1));
        assertThat(reconsentRequired(siteKey, visitor)).isTrue();
    }

    @Test
    void aRejectionInTheEeaLastsSixMonths() {
        String siteKey = Api.siteWithPolicies();
        UUID visitor = UUID.randomUUID();
        Instant decided = decide(siteKey, "DE", "REJECT_ALL", visitor);

        moveTo(plusMonths(decided, 6).minusSeconds(2));
        assertThat(reconsentRequired(siteKey, visitor)).isFalse();
        moveTo(plusMonths(decided, 6).plusSeconds(1));
        assertThat(reconsentRequired(siteKey, visitor)).isTrue();
    }

    @Test
    void underOptOutARejectionLastsTwelveMonthsLikeAnAcceptance() {
        String siteKey = Api.siteWithPolicies();
        UUID visitor = UUID.randomUUID();
        Map<String, Object> event = Api.event("REJECT_ALL", visitor);
        String receivedAt = Api.fromCountry("US").header("X-Test-Region", "CA").body(event)
                .post("/api/v1/sites/" + siteKey + "/events").then().statusCode(201)
                .body("jurisdiction.regime", equalTo("US-OPT-OUT")).extract().path("receivedAt");
        Ledger.awaitInclusion(UUID.fromString((String) event.get("eventId")));
        Instant decided = Instant.parse(receivedAt);

        moveTo(plusMonths(decided, 6).plusSeconds(1));
        assertThat(reconsentRequired(siteKey, visitor)).isFalse();
        moveTo(plusMonths(decided, 12).plusSeconds(1));
        assertThat(reconsentRequired(siteKey, visitor)).isTrue();
    }

    @Test
    void theSummaryCountsExpiredDecisionsByAcceptAndReject() {
        String siteKey = Api.siteWithPolicies();
        decide(siteKey, "DE", "ACCEPT_ALL", UUID.randomUUID());
        decide(siteKey, "DE", "REJECT_ALL", UUID.randomUUID());
        UUID changedMind = UUID.randomUUID();
        decide(siteKey, "DE", "ACCEPT_ALL", changedMind);
        Instant last = decide(siteKey, "DE", "REJECT_ALL", changedMind);

        summaryExpired(siteKey, 0, 0);
        moveTo(plusMonths(last, 6).plusSeconds(1));
        summaryExpired(siteKey, 0, 2);
        moveTo(plusMonths(last, 13).plusSeconds(1));
        summaryExpired(siteKey, 1, 2);
    }

    private static void summaryExpired(String siteKey, long accept, long reject) {
        Api.asAuditor().get("/api/v1/audit/sites/" + siteKey + "/summary").then()
                .log().ifValidationFails(LogDetail.ALL).statusCode(200)
                .body("expiredDecisions.accept", equalTo((int) accept))
                .body("expiredDecisions.reject", equalTo((int) reject));
    }
}
