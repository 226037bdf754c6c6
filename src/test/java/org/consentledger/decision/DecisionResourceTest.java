package org.consentledger.decision;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.consentledger.decision.Decisions.act;
import static org.consentledger.decision.Decisions.asService;
import static org.consentledger.decision.Decisions.decisionOf;
import static org.consentledger.decision.Decisions.path;
import static org.consentledger.decision.Decisions.query;
import static org.consentledger.support.Grants.ALL_GRANTED;
import static org.consentledger.support.Grants.ONLY_NECESSARY;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import org.consentledger.support.Api;
import org.consentledger.support.Tokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.filter.log.LogDetail;
import io.restassured.response.Response;

/**
 * The decisions API as a site's backend calls it: revalidation with the ETag, a thousand subjects in
 * one query, the bounds and bad input named, and another site's backend kept out.
 */
@QuarkusTest
class DecisionResourceTest {

    @Test
    void aBackendRevalidatesWithTheETagAndGetsANewOneWhenTheDecisionChanges() {
        String siteKey = Api.siteWithPolicies();
        UUID visitor = UUID.randomUUID();
        act(siteKey, "DE", "ACCEPT_ALL", visitor);
        Response first = asService(siteKey).queryParam("visitorId", visitor.toString()).get(path(siteKey));
        String etag = first.then().statusCode(200).extract().header("ETag");
        assertThat(etag).startsWith("\"").endsWith("\"");
        assertThat(first.header("Cache-Control")).contains("no-cache");

        asService(siteKey).header("If-None-Match", etag).queryParam("visitorId", visitor.toString()).get(path(siteKey))
                .then().log().ifValidationFails(LogDetail.ALL).statusCode(304).body(emptyString())
                .header("ETag", equalTo(etag));

        act(siteKey, "DE", "WITHDRAWN", visitor);
        Response changed = asService(siteKey).header("If-None-Match", etag).queryParam("visitorId", visitor.toString())
                .get(path(siteKey));
        changed.then().statusCode(200).body("categories", equalTo(ONLY_NECESSARY));
        assertThat(changed.header("ETag")).isNotEqualTo(etag);
    }

    @Test
    void theBulkQueryAnswersEverySubjectInOrderWithDuplicatesAndUnknowns() {
        String siteKey = Api.siteWithPolicies();
        UUID accepted = UUID.randomUUID();
        UUID rejected = UUID.randomUUID();
        UUID unknown = UUID.randomUUID();
        String acceptance = act(siteKey, "DE", "ACCEPT_ALL", accepted);
        String rejection = act(siteKey, "DE", "REJECT_ALL", rejected);
        List<UUID> asked = List.of(rejected, unknown, accepted, rejected);

        asService(siteKey).body(query(asked)).post(path(siteKey) + "/query")
                .then().log().ifValidationFails(LogDetail.ALL).statusCode(200)
                .body("decisions.visitorId", equalTo(asked.stream().map(UUID::toString).toList()))
                .body("decisions.decided", contains(true, false, true, true))
                .body("decisions.eventId", contains(rejection, null, acceptance, rejection))
                .body("decisions[1].categories", equalTo(ONLY_NECESSARY))
                .body("decisions[2].categories", equalTo(ALL_GRANTED));
        decisionOf(siteKey, rejected).body("eventId", equalTo(rejection));
    }

    @Test
    void aThousandSubjectsAreAnsweredAndOneMoreIsRefusedNamingTheList() {
        String siteKey = Api.siteWithPolicies();
        List<UUID> thousand = IntStream.range(0, 1000).mapToObj(i -> UUID.randomUUID()).toList();

        asService(siteKey).body(query(thousand)).post(path(siteKey) + "/query")
                .then().statusCode(200).body("decisions", hasSize(1000));
        List<UUID> tooMany = IntStream.range(0, 1001).mapToObj(i -> UUID.randomUUID()).toList();
        refused(asService(siteKey).body(query(tooMany)).post(path(siteKey) + "/query"), "subjects");
        refused(asService(siteKey).body(query(List.of())).post(path(siteKey) + "/query"), "subjects");
        refused(asService(siteKey).body(Map.of()).post(path(siteKey) + "/query"), "subjects");
    }

    @Test
    void aSubjectWithoutAVisitorIdOrWithABadOneIsRefusedNamingIt() {
        String siteKey = Api.siteWithPolicies();
        Map<String, Object> none = new HashMap<>();
        none.put("visitorId", null);

        refused(asService(siteKey).body(Map.of("subjects", List.of(Map.of("visitorId", UUID.randomUUID().toString()), none)))
                .post(path(siteKey) + "/query"), "subjects[1].visitorId");
        refused(asService(siteKey).body(Map.of("subjects", List.of(Map.of("visitorId", "not-a-uuid"))))
                .post(path(siteKey) + "/query"), "subjects[0].visitorId");
        refused(asService(siteKey).body(Map.of("subjects", List.of(Map.of("visitor", UUID.randomUUID().toString()))))
                .post(path(siteKey) + "/query"), "subjects[0].visitor");
        refused(asService(siteKey).get(path(siteKey)), "visitorId");
        refused(asService(siteKey).queryParam("visitorId", "42").get(path(siteKey)), "visitorId");
    }

    @Test
    void aSubjectIsExactlyOneOfAVisitorIdAndAUserIdOfAtMost256Characters() {
        String siteKey = Api.siteWithPolicies();
        String visitor = UUID.randomUUID().toString();
        Map<String, Object> both = Map.of("visitorId", visitor, "userId", "alice");

        refused(asService(siteKey).queryParams(both).get(path(siteKey)), "userId");
        refused(asService(siteKey).queryParam("userId", " ").get(path(siteKey)), "userId");
        refused(asService(siteKey).queryParam("userId", "u".repeat(257)).get(path(siteKey)), "userId");
        asService(siteKey).queryParam("userId", "u".repeat(256)).get(path(siteKey)).then().statusCode(200)
                .body("decided", equalTo(false)).body("userId", equalTo("u".repeat(256)));
        refused(asService(siteKey).body(Map.of("subjects", List.of(both))).post(path(siteKey) + "/query"),
                "subjects[0].userId");
        refused(asService(siteKey).body(Map.of("subjects", List.of(Map.of("visitorId", visitor), Map.of("userId", " "))))
                .post(path(siteKey) + "/query"), "subjects[1].userId");
        refused(asService(siteKey).body(Map.of("subjects", List.of(Map.of("userId", "u".repeat(257)))))
                .post(path(siteKey) + "/query"), "subjects[0].userId");
        refused(asService(siteKey).body(Map.of("subjects", List.of(Map.of()))).post(path(siteKey) + "/query"),
                "subjects[0].visitorId");
    }

    @Test
    void aServiceOfAnotherSiteGetsTheAnswerOfAnUnknownSite() {
        String siteKey = Api.siteWithPolicies();
        String otherSite = Api.createSite();
        UUID visitor = UUID.randomUUID();
        act(siteKey, "DE", "ACCEPT_ALL", visitor);

        Response outOfScope = asService(otherSite).queryParam("visitorId", visitor.toString()).get(path(siteKey));
        Response unknown = given().auth().oauth2(Tokens.service()).queryParam("visitorId", visitor.toString())
                .get(path("no-such-site"));

        outOfScope.then().statusCode(404).contentType("application/problem+json");
        for (String field : List.of("status", "type", "title", "detail")) {
            assertThat(outOfScope.jsonPath().getString(field)).as(field).isEqualTo(unknown.jsonPath().getString(field));
        }
        given().auth().oauth2(Tokens.service()).queryParam("visitorId", visitor.toString()).get(path(siteKey))
                .then().statusCode(200).body("decided", equalTo(true));
        given().auth().oauth2(Tokens.withGroups("admin:" + siteKey)).queryParam("visitorId", visitor.toString())
                .get(path(siteKey)).then().statusCode(200).body("decided", equalTo(true));
    }

    private static void refused(Response response, String field) {
        response.then().log().ifValidationFails(LogDetail.ALL).statusCode(400).contentType("application/problem+json")
                .body("errors.field", contains(field));
    }
}
