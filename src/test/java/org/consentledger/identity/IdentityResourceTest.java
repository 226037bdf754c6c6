package org.consentledger.identity;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.consentledger.support.Api;
import org.consentledger.support.Ledger;
import org.consentledger.support.Rows;
import org.consentledger.support.Tokens;
import org.consentledger.verify.Leaves;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.filter.log.LogDetail;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** A site's backend links visitor ids to its account ids, and unlinks them; every change is an event and a ledger record. */
@Tag("database")
@QuarkusTest
class IdentityResourceTest {

    @Inject
    DataSource dataSource;

    @Inject
    UserIds userIds;

    @Test
    void aLinkIsCreatedOnceAndLinkingTheSamePairAgainAnswersTheSameAndWritesNothing() {
        String siteKey = Api.createSite();
        UUID visitor = UUID.randomUUID();

        Response created = link(siteKey, visitor, "account-1");
        created.then().log().ifValidationFails(LogDetail.ALL).statusCode(201)
                .header("Location", endsWith("/api/v1/sites/" + siteKey + "/identities/" + visitor))
                .body("siteKey", equalTo(siteKey)).body("visitorId", equalTo(visitor.toString()))
                .body("userHash", equalTo(hashOf(siteKey, "account-1")))
                .body("userHash", matchesPattern("[0-9a-f]{64}"));
        Response again = link(siteKey, visitor, "account-1");

        again.then().log().ifValidationFails(LogDetail.ALL).statusCode(200);
        assertThat(again.jsonPath().getMap("")).isEqualTo(created.jsonPath().getMap(""));
        assertThat(events(siteKey)).containsExactly("LINKED " + visitor + " " + hashOf(siteKey, "account-1"));
        assertThat(Rows.text(dataSource, "select l.user_hash from identity_link l join site s on s.id = l.site_id "
                + "where s.site_key = ? and l.visitor_id = ?", siteKey, visitor)).isEqualTo(hashOf(siteKey, "account-1"));
        service(siteKey).get(path(siteKey, visitor)).then().statusCode(200)
                .body("linkEventId", equalTo(created.jsonPath().getInt("linkEventId")));
    }

    @Test
    void linkingAVisitorIdToAnotherAccountReplacesItsLinkWithAnUnlinkThenALink() {
        String siteKey = Api.createSite();
        UUID visitor = UUID.randomUUID();
        link(siteKey, visitor, "first-account").then().statusCode(201);

        link(siteKey, visitor, "second-account").then().log().ifValidationFails(LogDetail.ALL).statusCode(201)
                .body("userHash", equalTo(hashOf(siteKey, "second-account")));

        assertThat(events(siteKey)).containsExactly(
                "LINKED " + visitor + " " + hashOf(siteKey, "first-account"),
                "UNLINKED " + visitor + " " + hashOf(siteKey, "first-account"),
                "LINKED " + visitor + " " + hashOf(siteKey, "second-account"));
        assertThat(Rows.count(dataSource, "select count(*) from identity_link l join site s on s.id = l.site_id "
                + "where s.site_key = ?", siteKey)).isEqualTo(1);
        service(siteKey).get(path(siteKey, visitor)).then().statusCode(200)
                .body("userHash", equalTo(hashOf(siteKey, "second-account")));
    }

    @Test
    void unlinkingRecordsAnUnlinkOnceAndUnlinkingAgainIsANoOp() {
        String siteKey = Api.createSite();
        UUID visitor = UUID.randomUUID();
        link(siteKey, visitor, "account-1").then().statusCode(201);

        service(siteKey).delete(path(siteKey, visitor)).then().log().ifValidationFails(LogDetail.ALL).statusCode(204);
        service(siteKey).delete(path(siteKey, visitor)).then().statusCode(204);
        service(siteKey).delete(path(siteKey, UUID.randomUUID())).then().statusCode(204);

        assertThat(events(siteKey)).containsExactly("LINKED " + visitor + " " + hashOf(siteKey, "account-1"),
                "UNLINKED " + visitor + " " + hashOf(siteKey, "account-1"));
        service(siteKey).get(path(siteKey, visitor)).then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void aUserIdOf256CharactersIsLinkedAndOneOf257IsRefusedNamingItWithNothingWritten() {
        String siteKey = Api.createSite();

        link(siteKey, UUID.randomUUID(), "u".repeat(256)).then().statusCode(201);
        assertRefused(link(siteKey, UUID.randomUUID(), "u".repeat(257)), "userId");
        assertRefused(link(siteKey, UUID.randomUUID(), ""), "userId");
        assertRefused(service(siteKey).body(Map.of("visitorId", UUID.randomUUID().toString(), "userId", 42))
                .post(identities(siteKey)), "userId");

        assertThat(events(siteKey)).hasSize(1);
    }

    @Test
    void aVisitorIdThatIsNotAUuidIsRefusedNamingIt() {
        String siteKey = Api.createSite();

        assertRefused(service(siteKey).body(Map.of("visitorId", "not-a-uuid", "userId", "account-1"))
                .post(identities(siteKey)), "visitorId");
        assertRefused(service(siteKey).body(Map.of("userId", "account-1")).post(identities(siteKey)), "visitorId");
        assertRefused(service(siteKey).delete(identities(siteKey) + "/not-a-uuid"), "visitorId");
        assertRefused(service(siteKey).get(identities(siteKey) + "/not-a-uuid"), "visitorId");

        assertThat(events(siteKey)).isEmpty();
    }

    /** The bound is the default configuration's, 100: the links up to it are put in the table directly. */
    @Test
    void anAccountWithAHundredVisitorIdsLinkedTakesNoMoreButKeepsAnsweringItsOwnLinks() {
        String siteKey = Api.createSite();
        UUID first = UUID.randomUUID();
        link(siteKey, first, "busy-account").then().statusCode(201);
        Rows.execute(dataSource, "insert into identity_link (site_id, visitor_id, user_hash, linked_by) "
                + "select l.site_id, gen_random_uuid(), l.user_hash, l.linked_by from identity_link l "
                + "join site s on s.id = l.site_id, generate_series(1, 99) where s.site_key = ?", siteKey);

        Response refused = link(siteKey, UUID.randomUUID(), "busy-account");

        refused.then().log().ifValidationFails(LogDetail.ALL).statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("/problems/limit-exceeded")).body("errors", hasSize(1))
                .body("errors[0].field", equalTo("userId"));
        assertThat(events(siteKey)).hasSize(1);
        link(siteKey, first, "busy-account").then().statusCode(200);
        link(siteKey, UUID.randomUUID(), "another-account").then().statusCode(201);
    }

    @Test
    void aServiceTokenOfAnotherSiteGetsWhatAnUnknownSiteGetsAndWritesNothing() {
        String siteKey = Api.createSite();
        String otherSite = Api.createSite();
        UUID visitor = UUID.randomUUID();
        RequestSpecification otherService = given().auth().oauth2(Tokens.withGroups("service:" + otherSite))
                .contentType(ContentType.JSON);

        String outOfScope = otherService.body(Map.of("visitorId", visitor.toString(), "userId", "account-1"))
                .post(identities(siteKey)).then().statusCode(404).extract().asString();
        String unknown = service("no-such-site").body(Map.of("visitorId", visitor.toString(), "userId", "account-1"))
                .post(identities("no-such-site")).then().statusCode(404).extract().asString();

        assertThat(outOfScope.replace(siteKey, "no-such-site")).isEqualTo(unknown);
        given().auth().oauth2(Tokens.auditor()).contentType(ContentType.JSON)
                .body(Map.of("visitorId", visitor.toString(), "userId", "account-1")).post(identities(siteKey))
                .then().statusCode(403);
        assertThat(events(siteKey)).isEmpty();
    }

    @Test
    void linksAndUnlinksBecomeLedgerRecordsThatNameTheAccountOnlyByItsHash() {
        String siteKey = Api.createSite();
        UUID visitor = UUID.randomUUID();
        long linkId = link(siteKey, visitor, "ledger-account").then().statusCode(201).extract().jsonPath()
                .getLong("linkEventId");
        service(siteKey).delete(path(siteKey, visitor)).then().statusCode(204);
        long unlinkId = Rows.count(dataSource, "select max(e.id) from identity_event e join site s on s.id = e.site_id "
                + "where s.site_key = ?", siteKey);

        Map<String, Object> linked = Ledger.awaitExportedRecord(Leaves.IDENTITY_EVENT, "id", String.valueOf(linkId));
        Map<String, Object> unlinked = Ledger.awaitExportedRecord(Leaves.IDENTITY_EVENT, "id", String.valueOf(unlinkId));

        assertThat(linked).containsOnlyKeys("id", "siteKey", "visitorId", "type", "userHash", "actor", "at")
                .containsEntry("type", "LINKED").containsEntry("siteKey", siteKey)
                .containsEntry("visitorId", visitor.toString()).containsEntry("userHash", hashOf(siteKey, "ledger-account"))
                .containsEntry("actor", "test-service:" + siteKey);
        assertThat(unlinked).containsEntry("type", "UNLINKED").containsEntry("userHash", hashOf(siteKey, "ledger-account"));
    }

    private static void assertRefused(Response response, String field) {
        response.then().log().ifValidationFails(LogDetail.ALL).statusCode(400).contentType("application/problem+json")
                .body("errors", hasSize(1)).body("errors[0].field", equalTo(field));
    }

    private String hashOf(String siteKey, String userId) {
        UUID siteId = UUID.fromString(Rows.text(dataSource, "select id::text from site where site_key = ?", siteKey));
        return userIds.hash(siteId, userId);
    }

    /** The site's identity events, oldest first, as "TYPE visitorId userHash". */
    private List<String> events(String siteKey) {
        String all = Rows.text(dataSource, "select coalesce(string_agg(e.type || ' ' || e.visitor_id || ' ' || e.user_hash, "
                + "',' order by e.id), '') from identity_event e join site s on s.id = e.site_id where s.site_key = ?", siteKey);
        return all.isEmpty() ? List.of() : List.of(all.split(","));
    }

    static Response link(String siteKey, UUID visitor, String userId) {
        return service(siteKey).body(Map.of("visitorId", visitor.toString(), "userId", userId)).post(identities(siteKey));
    }

    static RequestSpecification service(String siteKey) {
        return given().auth().oauth2(Tokens.withGroups("service:" + siteKey)).contentType(ContentType.JSON);
    }

    private static String identities(String siteKey) {
        return "/api/v1/sites/" + siteKey + "/identities";
    }

    private static String path(String siteKey, UUID visitor) {
        return identities(siteKey) + "/" + visitor;
    }
}
