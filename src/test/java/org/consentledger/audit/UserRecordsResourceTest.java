package org.consentledger.audit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.consentledger.support.Api;
import org.consentledger.support.Ledger;
import org.consentledger.support.OfflineVerifier;
import org.consentledger.support.Tokens;
import org.consentledger.verify.CanonicalJson;
import org.consentledger.verify.Json;
import org.consentledger.verify.Leaves;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.filter.log.LogDetail;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * A person's records by the site's account id (GDPR Art. 15): the events of every visitor id ever
 * linked to it, with the links and unlinks, and an evidence package that verifies offline.
 */
@Tag("database")
@QuarkusTest
class UserRecordsResourceTest {

    /** A person who chose on a laptop, signed in there and on a phone, then left the laptop. */
    private record Story(String siteKey, String userId, UUID laptop, UUID phone, List<UUID> events, UUID strangersEvent) {
    }

    @Test
    void aPersonsHistoryHoldsTheEventsOfEveryVisitorIdEverLinkedMergedWithTheLinksOldestFirst() {
        Story story = story();

        JsonPath history = Api.asAuditor().get(userPath(story, "history")).then().log().ifValidationFails(LogDetail.ALL)
                .statusCode(200).extract().jsonPath();

        assertThat(history.getList("visitorIds")).containsExactly(story.laptop().toString(), story.phone().toString());
        assertThat(history.getString("userHash")).matches("[0-9a-f]{64}");
        List<String> seen = new ArrayList<>();
        for (Map<String, Object> entry : history.<Map<String, Object>>getList("events")) {
            seen.add(entry.get("kind") + " " + entry.get("type") + " " + (story.laptop().toString().equals(entry.get("visitorId"))
                    ? "laptop" : story.phone().toString().equals(entry.get("visitorId")) ? "phone" : "other"));
        }
        assertThat(seen).containsExactly("CONSENT ACCEPT_ALL laptop", "IDENTITY LINKED laptop", "CONSENT REJECT_ALL phone",
                "IDENTITY LINKED phone", "IDENTITY UNLINKED laptop", "CONSENT ACCEPT_ALL laptop", "IDENTITY UNLINKED phone");
        assertThat(history.getList("events.eventId")).doesNotContain(story.strangersEvent().toString())
                .contains(story.events().stream().map(UUID::toString).toArray());
        assertThat(history.getList("events.userHash")).containsOnly(null, history.getString("userHash"));
    }

    @Test
    void aPersonsEvidencePackageVerifiesOfflineAndNothingButItsOwnLinksCanAccountForItsEvents() throws Exception {
        Story story = story();
        story.events().forEach(Ledger::awaitInclusion);
        awaitIdentityEventsInTheLedger(story);

        String body = Api.asAuditor().get(userPath(story, "evidence")).then().log().ifValidationFails(LogDetail.ALL)
                .statusCode(200).header("Content-Disposition", containsString("evidence-user-")).extract().asString();

        Map<String, Object> evidence = Json.parseObject(body);
        assertThat(evidence).containsEntry("format", "consent-ledger-evidence").containsEntry("siteKey", story.siteKey())
                .containsEntry("pendingEventIds", List.of()).containsEntry("pendingIdentityEventIds", List.of())
                .containsEntry("visitorIds", List.of(story.laptop().toString(), story.phone().toString()));
        assertThat(records(evidence, Leaves.CONSENT_EVENT)).extracting(record -> record.get("eventId"))
                .containsExactlyInAnyOrderElementsOf(story.events().stream().map(UUID::toString).toList());
        assertThat(records(evidence, Leaves.IDENTITY_EVENT)).extracting(record -> record.get("type"))
                .containsExactly("LINKED", "LINKED", "UNLINKED", "UNLINKED");
        assertThat(verify(evidence).output()).startsWith("OK");

        Map<String, Object> withoutThePhonesLink = Json.parseObject(body);
        entries(withoutThePhonesLink).removeIf(entry -> Leaves.IDENTITY_EVENT.equals(entry.get("source"))
                && story.phone().toString().equals(record(entry).get("visitorId")) && "LINKED".equals(record(entry).get("type")));
        OfflineVerifier.Run unaccounted = verify(withoutThePhonesLink);
        assertThat(unaccounted.exit()).isEqualTo(1);
        assertThat(unaccounted.output()).contains("its visitor id is not linked to the account");

        Map<String, Object> someoneElses = Json.parseObject(body);
        someoneElses.put("userHash", "0".repeat(64));
        assertThat(verify(someoneElses).output()).contains("an identity event of another account or site");
    }

    @Test
    void aUserWithoutLinksHasAnEmptyHistory() {
        String siteKey = Api.siteWithPolicies();

        Api.asAuditor().get("/api/v1/audit/sites/" + siteKey + "/users/nobody/history").then().statusCode(200)
                .body("visitorIds.size()", equalTo(0)).body("events.size()", equalTo(0));
    }

    @Test
    void aUserIdWithSlashesAndSpacesIsFoundPercentEncodedInThePath() {
        String siteKey = Api.siteWithPolicies();
        UUID visitor = UUID.randomUUID();
        link(siteKey, visitor, "team/alice smith?%");

        Api.asAuditor().urlEncodingEnabled(false)
                .get("/api/v1/audit/sites/" + siteKey + "/users/team%2Falice%20smith%3F%25/history")
                .then().log().ifValidationFails(LogDetail.ALL).statusCode(200)
                .body("visitorIds", equalTo(List.of(visitor.toString())));
    }

    @Test
    void aUserIdOver256CharactersIsABadRequestNamingIt() {
        String siteKey = Api.siteWithPolicies();

        for (String record : List.of("history", "evidence")) {
            Api.asAuditor().get("/api/v1/audit/sites/" + siteKey + "/users/" + "u".repeat(257) + "/" + record)
                    .then().log().ifValidationFails(LogDetail.ALL).statusCode(400)
                    .contentType("application/problem+json").body("errors[0].field", equalTo("userId"));
        }
    }

    @Test
    void anAuditorOfAnotherSiteGetsWhatAnUnknownSiteGets() {
        String siteKey = Api.siteWithPolicies();
        String otherSite = Api.createSite();

        for (String record : List.of("history", "evidence")) {
            given().auth().oauth2(Tokens.withGroups("auditor:" + otherSite))
                    .get("/api/v1/audit/sites/" + siteKey + "/users/someone/" + record).then().statusCode(404)
                    .body("detail", equalTo("No site with this siteKey"));
            given().auth().oauth2(Tokens.withGroups("service:" + siteKey))
                    .get("/api/v1/audit/sites/" + siteKey + "/users/someone/" + record).then().statusCode(403);
        }
    }

    private static Story story() {
        String siteKey = Api.siteWithPolicies();
        String userId = "person-" + UUID.randomUUID() + "@example.com";
        UUID laptop = UUID.randomUUID();
        UUID phone = UUID.randomUUID();
        List<UUID> events = new ArrayList<>();
        events.add(post(siteKey, "ACCEPT_ALL", laptop));
        link(siteKey, laptop, userId);
        events.add(post(siteKey, "REJECT_ALL", phone));
        link(siteKey, phone, userId);
        service(siteKey).delete("/api/v1/sites/" + siteKey + "/identities/" + laptop).then().statusCode(204);
        events.add(post(siteKey, "ACCEPT_ALL", laptop));
        link(siteKey, phone, "someone-else");
        UUID strangersEvent = post(siteKey, "ACCEPT_ALL", UUID.randomUUID());
        return new Story(siteKey, userId, laptop, phone, events, strangersEvent);
    }

    private static UUID post(String siteKey, String type, UUID visitor) {
        Map<String, Object> event = Api.event(type, visitor);
        Api.fromCountry("DE").body(event).post("/api/v1/sites/" + siteKey + "/events").then().statusCode(201);
        return UUID.fromString((String) event.get("eventId"));
    }

    private static void link(String siteKey, UUID visitor, String userId) {
        service(siteKey).body(Map.of("visitorId", visitor.toString(), "userId", userId))
                .post("/api/v1/sites/" + siteKey + "/identities").then().statusCode(201);
    }

    private static io.restassured.specification.RequestSpecification service(String siteKey) {
        return given().auth().oauth2(Tokens.withGroups("service:" + siteKey)).contentType(ContentType.JSON);
    }

    private static String userPath(Story story, String record) {
        return "/api/v1/audit/sites/" + story.siteKey() + "/users/" + story.userId() + "/" + record;
    }

    /** Every identity event of the story's person, once a checkpoint holds it. */
    private static void awaitIdentityEventsInTheLedger(Story story) {
        JsonPath history = Api.asAuditor().get(userPath(story, "history")).then().statusCode(200).extract().jsonPath();
        for (Object id : history.getList("events.identityEventId")) {
            if (id != null) {
                Ledger.awaitExportedEntry(Leaves.IDENTITY_EVENT, "id", String.valueOf(id));
            }
        }
    }

    private static OfflineVerifier.Run verify(Map<String, Object> evidence) {
        return OfflineVerifier.run(Clock.systemUTC(), "--key", Ledger.verifierKey(), "--evidence",
                OfflineVerifier.file("evidence", ".json", CanonicalJson.string(evidence)).toString());
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> entries(Map<String, Object> evidence) {
        return (List<Map<String, Object>>) evidence.get("entries");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> record(Map<String, Object> entry) {
        return (Map<String, Object>) entry.get("record");
    }

    private static List<Map<String, Object>> records(Map<String, Object> evidence, String source) {
        return entries(evidence).stream().filter(entry -> source.equals(entry.get("source")))
                .map(UserRecordsResourceTest::record).toList();
    }
}
