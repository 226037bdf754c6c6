package org.consentledger.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.consentledger.decision.Decisions.act;
import static org.consentledger.decision.Decisions.asService;
import static org.consentledger.decision.Decisions.bannerConsentOf;
import static org.consentledger.decision.Decisions.decisionOf;
import static org.consentledger.decision.Decisions.decisionOfUser;
import static org.consentledger.decision.Decisions.link;
import static org.consentledger.decision.Decisions.path;
import static org.consentledger.decision.Decisions.unlink;
import static org.consentledger.support.Grants.ALL_GRANTED;
import static org.consentledger.support.Grants.ONLY_NECESSARY;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.consentledger.support.Api;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.filter.log.LogDetail;
import io.restassured.response.Response;

/**
 * Once a site's backend links a person's visitor ids to their account, every one of them, and the
 * account, stands by the person's decision: their latest explicit act on any of those visitor ids,
 * an implied act never overriding an explicit one. The banner reads the same.
 */
@Tag("database")
@QuarkusTest
class PersonDecisionTest {

    @Inject
    DataSource dataSource;

    private long decisionRows(String siteKey, UUID visitor, String where, Object... params) {
        return Decisions.decisionRows(dataSource, siteKey, visitor, where, params);
    }

    @Test
    void aDeviceLinkedToThePersonStandsByTheChoiceTheyMadeOnAnother() {
        String siteKey = Api.siteWithPolicies();
        UUID laptop = UUID.randomUUID();
        UUID phone = UUID.randomUUID();
        String rejection = act(siteKey, "DE", "REJECT_ALL", laptop);
        decisionOf(siteKey, phone).body("decided", equalTo(false));

        link(siteKey, laptop, "alice");
        link(siteKey, phone, "alice");

        decisionOf(siteKey, phone).body("visitorId", equalTo(phone.toString())).body("decided", equalTo(true))
                .body("eventId", equalTo(rejection)).body("categories", equalTo(ONLY_NECESSARY))
                .body("basis", equalTo("EXPLICIT")).body("regime", equalTo("EEA")).body("current", equalTo(true));
        bannerConsentOf(siteKey, phone).body("reconsentRequired", equalTo(false)).body("eventId", equalTo(rejection))
                .body("regime", equalTo("EEA")).body("outcome.categories", equalTo(ONLY_NECESSARY));
        decisionOfUser(siteKey, "alice").body("userId", equalTo("alice")).body("$", not(hasKey("visitorId")))
                .body("eventId", equalTo(rejection));
        assertThat(decisionRows(siteKey, phone, "true")).as("merged when read: nothing written for the phone").isZero();
        assertThat(decisionRows(siteKey, laptop, "d.event_id = ?::uuid", rejection)).isEqualTo(1);
    }

    @Test
    void anImpliedActOnOneDeviceNeverOverridesAnExplicitChoiceOnAnother() {
        String siteKey = Api.siteWithPolicies();
        UUID laptop = UUID.randomUUID();
        UUID phone = UUID.randomUUID();
        String rejection = act(siteKey, "DE", "REJECT_ALL", laptop);
        link(siteKey, laptop, "bob");
        link(siteKey, phone, "bob");

        String closed = act(siteKey, "US", "BANNER_CLOSED", phone);

        for (UUID device : List.of(laptop, phone)) {
            decisionOf(siteKey, device).body("eventId", equalTo(rejection)).body("categories", equalTo(ONLY_NECESSARY))
                    .body("regime", equalTo("EEA"));
        }
        decisionOfUser(siteKey, "bob").body("eventId", equalTo(rejection));
        bannerConsentOf(siteKey, phone).body("eventId", equalTo(rejection));
        assertThat(decisionRows(siteKey, phone, "d.event_id = ?::uuid and not d.explicit", closed))
                .as("the phone's own row keeps its implied act").isEqualTo(1);
    }

    @Test
    void withoutAnExplicitChoiceTheLatestImpliedActOfAnyDeviceDecides() {
        String siteKey = Api.siteWithPolicies();
        UUID laptop = UUID.randomUUID();
        UUID phone = UUID.randomUUID();
        link(siteKey, laptop, "carol");
        link(siteKey, phone, "carol");
        act(siteKey, "US", "BANNER_CLOSED", phone);

        String browsed = act(siteKey, "US", "BROWSING_CONTINUED", laptop);

        decisionOf(siteKey, phone).body("eventId", equalTo(browsed)).body("basis", equalTo("IMPLIED"))
                .body("regime", equalTo("NOTICE"));
        decisionOfUser(siteKey, "carol").body("eventId", equalTo(browsed));
    }

    @Test
    void ofTwoExplicitChoicesTheLaterStandsWhicheverDeviceMadeItAndTheHistoryShowsBoth() {
        String siteKey = Api.siteWithPolicies();
        UUID laptop = UUID.randomUUID();
        UUID phone = UUID.randomUUID();
        String acceptance = act(siteKey, "DE", "ACCEPT_ALL", laptop);
        String rejection = act(siteKey, "DE", "REJECT_ALL", phone);
        link(siteKey, laptop, "dave");
        decisionOf(siteKey, laptop).body("eventId", equalTo(acceptance));

        link(siteKey, phone, "dave");

        decisionOf(siteKey, laptop).body("eventId", equalTo(rejection)).body("categories", equalTo(ONLY_NECESSARY));
        decisionOfUser(siteKey, "dave").body("eventId", equalTo(rejection));
        Api.asAuditor().get("/api/v1/audit/sites/" + siteKey + "/users/dave/history").then().statusCode(200)
                .body("events.eventId", hasItems(acceptance, rejection));

        String preferences = act(siteKey, "DE", "PREFERENCES_SAVED", laptop, List.of("analytics"));

        for (UUID device : List.of(laptop, phone)) {
            decisionOf(siteKey, device).body("eventId", equalTo(preferences)).body("categories.analytics",
                    equalTo("GRANTED"));
        }
    }

    @Test
    void anUnlinkedDeviceGetsItsOwnDecisionBackAndThePersonKeepsTheirs() {
        String siteKey = Api.siteWithPolicies();
        UUID laptop = UUID.randomUUID();
        UUID phone = UUID.randomUUID();
        String rejection = act(siteKey, "DE", "REJECT_ALL", laptop);
        String closed = act(siteKey, "US", "BANNER_CLOSED", phone);
        link(siteKey, laptop, "erin");
        link(siteKey, phone, "erin");
        decisionOf(siteKey, phone).body("eventId", equalTo(rejection));

        unlink(siteKey, phone);

        decisionOf(siteKey, phone).body("eventId", equalTo(closed)).body("basis", equalTo("IMPLIED"))
                .body("categories.analytics", equalTo("GRANTED"));
        bannerConsentOf(siteKey, phone).body("eventId", equalTo(closed));
        decisionOfUser(siteKey, "erin").body("eventId", equalTo(rejection));

        unlink(siteKey, laptop);

        decisionOfUser(siteKey, "erin").body("decided", equalTo(false)).body("categories", equalTo(ONLY_NECESSARY));
        decisionOf(siteKey, laptop).body("eventId", equalTo(rejection));
    }

    @Test
    void theBulkQueryMixesUsersAndVisitorsInTheOrderAsked() {
        String siteKey = Api.siteWithPolicies();
        UUID laptop = UUID.randomUUID();
        UUID phone = UUID.randomUUID();
        UUID stranger = UUID.randomUUID();
        String acceptance = act(siteKey, "DE", "ACCEPT_ALL", laptop);
        String rejection = act(siteKey, "DE", "REJECT_ALL", stranger);
        link(siteKey, laptop, "frank");
        link(siteKey, phone, "frank");
        List<Map<String, String>> subjects = List.of(Map.of("userId", "nobody"), Map.of("visitorId", stranger.toString()),
                Map.of("userId", "frank"), Map.of("visitorId", UUID.randomUUID().toString()),
                Map.of("visitorId", phone.toString()), Map.of("userId", "nobody"));

        asService(siteKey).body(Map.of("subjects", subjects)).post(path(siteKey) + "/query")
                .then().log().ifValidationFails(LogDetail.ALL).statusCode(200)
                .body("decisions.userId", contains("nobody", null, "frank", null, null, "nobody"))
                .body("decisions.visitorId", contains(null, stranger.toString(), null, subjects.get(3).get("visitorId"),
                        phone.toString(), null))
                .body("decisions.decided", contains(false, true, true, false, true, false))
                .body("decisions.eventId", contains(null, rejection, acceptance, null, acceptance, null))
                .body("decisions[0].categories", equalTo(ONLY_NECESSARY))
                .body("decisions[0].current", equalTo(false))
                .body("decisions[4].categories", equalTo(ALL_GRANTED));
    }

    @Test
    void theETagChangesWhenALinkedDeviceChangesThePersonsDecision() {
        String siteKey = Api.siteWithPolicies();
        UUID laptop = UUID.randomUUID();
        UUID phone = UUID.randomUUID();
        act(siteKey, "DE", "ACCEPT_ALL", laptop);
        link(siteKey, laptop, "grace");
        link(siteKey, phone, "grace");
        String byUser = etag(asService(siteKey).queryParam("userId", "grace").get(path(siteKey)));
        String byLaptop = etag(asService(siteKey).queryParam("visitorId", laptop.toString()).get(path(siteKey)));
        asService(siteKey).header("If-None-Match", byUser).queryParam("userId", "grace").get(path(siteKey))
                .then().statusCode(304);

        String withdrawal = act(siteKey, "DE", "WITHDRAWN", phone);

        Response user = asService(siteKey).header("If-None-Match", byUser).queryParam("userId", "grace").get(path(siteKey));
        Response device = asService(siteKey).header("If-None-Match", byLaptop).queryParam("visitorId", laptop.toString())
                .get(path(siteKey));
        for (Response changed : List.of(user, device)) {
            changed.then().log().ifValidationFails(LogDetail.ALL).statusCode(200).body("eventId", equalTo(withdrawal))
                    .body("categories", equalTo(ONLY_NECESSARY));
        }
        assertThat(user.header("ETag")).isNotEqualTo(byUser);
        assertThat(device.header("ETag")).isNotEqualTo(byLaptop);
    }

    private static String etag(Response response) {
        return response.then().statusCode(200).extract().header("ETag");
    }
}
