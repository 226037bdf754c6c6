package org.consentledger.decision;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.consentledger.decision.Decisions.act;
import static org.consentledger.decision.Decisions.decisionOf;
import static org.consentledger.support.Grants.ALL_GRANTED;
import static org.consentledger.support.Grants.ONLY_NECESSARY;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.consentledger.support.Api;
import org.consentledger.support.Rows;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Which act a visitor stands by, as a backend reads it: an explicit act always, an implied one only
 * without an explicit one, the notice never; and whether it is still current.
 */
@Tag("database")
@QuarkusTest
class DecisionRuleTest {

    @Inject
    DataSource dataSource;

    private long decisionRows(String siteKey, UUID visitor, String where, Object... params) {
        return Decisions.decisionRows(dataSource, siteKey, visitor, where, params);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({ "ACCEPT_ALL, GRANTED", "REJECT_ALL, DENIED", "WITHDRAWN, DENIED" })
    void anExplicitActIsTheDecisionAndItsRowIsCommittedWithTheEvent(String type, String optional) {
        String siteKey = Api.siteWithPolicies();
        UUID visitor = UUID.randomUUID();
        List<String> versions = given().get("/api/v1/sites/" + siteKey + "/notice").then().extract().path("documents.id");

        String eventId = act(siteKey, "DE", type, visitor);

        assertThat(decisionRows(siteKey, visitor, "d.event_id = ?::uuid and d.type = ? and d.explicit", eventId, type))
                .as("the decision row, there as soon as the event is acknowledged").isEqualTo(1);
        decisionOf(siteKey, visitor)
                .body("siteKey", equalTo(siteKey)).body("visitorId", equalTo(visitor.toString()))
                .body("decided", equalTo(true)).body("eventId", equalTo(eventId))
                .body("categories", equalTo(optional.equals("GRANTED") ? ALL_GRANTED : ONLY_NECESSARY))
                .body("basis", equalTo("EXPLICIT")).body("regime", equalTo("EEA"))
                .body("decidedAt", notNullValue()).body("current", equalTo(true))
                .body("policyVersionIds", equalTo(versions));
    }

    /**
     * A decision names its outcome in the dictionary, as its event does (V31), instead of copying
     * the jsonb; a decision that still holds one inline (written before V31) reads the same.
     */
    @Test
    void aDecisionNamesItsOutcomeInTheDictionaryAndAnInlineOneStillReads() {
        String siteKey = Api.siteWithPolicies();
        UUID visitor = UUID.randomUUID();
        String eventId = act(siteKey, "DE", "ACCEPT_ALL", visitor);

        assertThat(decisionRows(siteKey, visitor, "d.outcome is null and d.outcome_id = "
                + "(select e.outcome_id from consent_event e where e.site_id = d.site_id and e.id = d.event_row_id)"))
                .as("the decision names its event's dictionary entry").isEqualTo(1);

        Rows.execute(dataSource, "update consent_decision d set outcome = t.value::jsonb, outcome_id = null "
                + "from event_text t, site s where t.id = d.outcome_id and s.id = d.site_id and s.site_key = ? "
                + "and d.visitor_id = ?", siteKey, visitor);
        assertThat(decisionRows(siteKey, visitor, "d.outcome_id is null")).isEqualTo(1);
        decisionOf(siteKey, visitor).body("eventId", equalTo(eventId)).body("categories", equalTo(ALL_GRANTED));

        act(siteKey, "DE", "REJECT_ALL", visitor);
        decisionOf(siteKey, visitor).body("categories", equalTo(ONLY_NECESSARY));
        assertThat(decisionRows(siteKey, visitor, "d.outcome is null and d.outcome_id is not null")).isEqualTo(1);
    }

    @Test
    void savedPreferencesGrantWhatWasChosen() {
        String siteKey = Api.siteWithPolicies();
        UUID visitor = UUID.randomUUID();

        act(siteKey, "DE", "PREFERENCES_SAVED", visitor, List.of("analytics"));

        decisionOf(siteKey, visitor).body("categories", equalTo(Map.of("necessary", "GRANTED", "functional", "DENIED",
                "analytics", "GRANTED", "marketing", "DENIED")));
    }

    @Test
    void anImpliedActAfterAnExplicitOneChangesNothingForTheBackendOrTheBanner() {
        String siteKey = Api.siteWithPolicies();
        UUID visitor = UUID.randomUUID();
        String accepted = act(siteKey, "DE", "ACCEPT_ALL", visitor);

        act(siteKey, "DE", "BANNER_CLOSED", visitor);
        act(siteKey, "DE", "BROWSING_CONTINUED", visitor);
        act(siteKey, "DE", "NOTICE_SHOWN", visitor);

        decisionOf(siteKey, visitor).body("eventId", equalTo(accepted)).body("categories", equalTo(ALL_GRANTED));
        given().get("/api/v1/sites/" + siteKey + "/visitors/" + visitor + "/consent").then().statusCode(200)
                .body("eventId", equalTo(accepted)).body("outcome.basis", equalTo("EXPLICIT"));
        assertThat(decisionRows(siteKey, visitor, "d.event_id = ?::uuid", accepted)).isEqualTo(1);
    }

    @Test
    void withoutAnExplicitActTheLatestImpliedOneDecidesUntilAnExplicitOneComes() {
        String siteKey = Api.siteWithPolicies();
        UUID visitor = UUID.randomUUID();
        act(siteKey, "US", "BANNER_CLOSED", visitor);
        String browsed = act(siteKey, "US", "BROWSING_CONTINUED", visitor);

        decisionOf(siteKey, visitor).body("decided", equalTo(true)).body("eventId", equalTo(browsed))
                .body("basis", equalTo("IMPLIED")).body("categories.analytics", equalTo("GRANTED"));

        String rejected = act(siteKey, "US", "REJECT_ALL", visitor);
        decisionOf(siteKey, visitor).body("eventId", equalTo(rejected)).body("basis", equalTo("EXPLICIT"))
                .body("categories.analytics", equalTo("DENIED"));
    }

    @Test
    void inOneBatchTheExplicitActWinsOverALaterImpliedOneAndTheLaterOfTwoExplicitOnes() {
        String siteKey = Api.siteWithPolicies();
        UUID visitor = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        Map<String, Object> accepted = Api.event("ACCEPT_ALL", visitor);
        Map<String, Object> rejected = Api.event("REJECT_ALL", other);
        List<Map<String, Object>> events = List.of(Api.event("NOTICE_SHOWN", visitor), accepted,
                Api.event("BANNER_CLOSED", visitor), Api.event("ACCEPT_ALL", other), rejected,
                Api.event("BROWSING_CONTINUED", other));

        Api.fromCountry("DE").body(Map.of("events", events)).post("/api/v1/sites/" + siteKey + "/events/batch")
                .then().statusCode(200).body("results.status", contains(201, 201, 201, 201, 201, 201));

        decisionOf(siteKey, visitor).body("eventId", equalTo(accepted.get("eventId")));
        decisionOf(siteKey, other).body("eventId", equalTo(rejected.get("eventId")));
    }

    @Test
    void anUnknownVisitorIsUndecidedWithOnlyTheRequiredCategoryGranted() {
        String siteKey = Api.siteWithPolicies();
        UUID stranger = UUID.randomUUID();
        act(siteKey, "DE", "NOTICE_SHOWN", stranger);

        decisionOf(siteKey, stranger).body("decided", equalTo(false)).body("visitorId", equalTo(stranger.toString()))
                .body("categories", equalTo(ONLY_NECESSARY)).body("current", equalTo(false))
                .body("eventId", nullValue()).body("basis", nullValue()).body("decidedAt", nullValue())
                .body("policyVersionIds", hasSize(0));
        assertThat(decisionRows(siteKey, stranger, "true")).as("showing the notice decides nothing").isZero();
    }

    @Test
    void aMaterialPolicyVersionMakesTheDecisionNoLongerCurrentAndANewChoiceMakesItCurrentAgain() {
        String siteKey = Api.siteWithPolicies();
        UUID visitor = UUID.randomUUID();
        act(siteKey, "DE", "ACCEPT_ALL", visitor);
        Api.publish(siteKey, "PRIVACY_POLICY", "1.0.1", false);
        decisionOf(siteKey, visitor).body("current", equalTo(true));

        String version = Api.publish(siteKey, "PRIVACY_POLICY", "2.0", true);
        decisionOf(siteKey, visitor).body("decided", equalTo(true)).body("current", equalTo(false))
                .body("categories", equalTo(ALL_GRANTED));

        act(siteKey, "DE", "REJECT_ALL", visitor);
        decisionOf(siteKey, visitor).body("current", equalTo(true)).body("categories", equalTo(ONLY_NECESSARY))
                .body("policyVersionIds", hasItem(version));
    }

}
