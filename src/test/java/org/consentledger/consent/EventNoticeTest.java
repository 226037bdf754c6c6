package org.consentledger.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.consentledger.support.Api.asAuditor;
import static org.consentledger.support.Api.fromCountry;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.consentledger.support.Api;
import org.consentledger.support.Rows;
import org.consentledger.verify.CanonicalJson;
import org.consentledger.verify.Json;
import org.consentledger.verify.NoticeRenderings;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * An event that names a notice states that the visitor saw it: the notice must be the one the
 * visitor's regime gets, and the versions the event names must be on it. Otherwise the evidence
 * would prove EEA consent on a notice that had no Reject button.
 */
@QuarkusTest
class EventNoticeTest {

    @Inject
    DataSource dataSource;

    @Test
    void aGermanVisitorNamingTheNoticeOfAJapaneseVisitorIsRefusedAndNothingIsWritten() {
        String siteKey = Api.siteWithPolicies();
        String japanese = noticeIdFor(siteKey, "JP");

        post(siteKey, "DE", event(japanese, null)).then().log().ifValidationFails().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("noticeId"))
                .body("errors[0].message", containsString("NOTICE"));
        assertThat(Rows.eventsOfSite(dataSource, siteKey)).isZero();
    }

    @Test
    void aVersionTheNamedNoticeNeverListedIsRefusedAndNothingIsWritten() {
        String siteKey = Api.siteWithPolicies();
        String superseded = versionId(siteKey, "PRIVACY_POLICY");
        Api.publish(siteKey, "PRIVACY_POLICY", "2.0", true);
        String german = noticeIdFor(siteKey, "DE");

        post(siteKey, "DE", event(german, List.of(superseded))).then().log().ifValidationFails().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("documentVersionIds"))
                .body("errors[0].message", containsString(superseded));
        assertThat(Rows.eventsOfSite(dataSource, siteKey)).isZero();
    }

    @Test
    void theVersionsOfTheNamedNoticeInTheVisitorsRegimeAreRecorded() {
        String siteKey = Api.siteWithPolicies();
        String german = noticeIdFor(siteKey, "DE");
        List<String> shown = fromCountry("DE").get("/api/v1/sites/" + siteKey + "/notice").then().statusCode(200)
                .extract().jsonPath().getList("documents.id");

        post(siteKey, "DE", event(german, shown)).then().log().ifValidationFails().statusCode(201);
        post(siteKey, "DE", event(german, null)).then().log().ifValidationFails().statusCode(201);
        assertThat(Rows.eventsOfSite(dataSource, siteKey)).isEqualTo(2);
    }

    /** A rendering another replica served is not in this one's memory: the event is checked on a worker. */
    @Test
    void aNoticeOfAnotherRegimeServedByAnotherReplicaIsRefusedToo() {
        String siteKey = Api.siteWithPolicies();
        String superseded = versionId(siteKey, "PRIVACY_POLICY");
        Api.publish(siteKey, "PRIVACY_POLICY", "2.0", true);
        String japanese = servedByAnotherReplica(siteKey, noticeIdFor(siteKey, "JP"));
        String german = servedByAnotherReplica(siteKey, noticeIdFor(siteKey, "DE"));

        post(siteKey, "DE", event(japanese, List.of(superseded))).then().log().ifValidationFails().statusCode(400)
                .body("errors[0].field", equalTo("noticeId"));
        post(siteKey, "DE", event(german, List.of(superseded))).then().log().ifValidationFails().statusCode(400)
                .body("errors[0].field", equalTo("documentVersionIds"));
        assertThat(Rows.eventsOfSite(dataSource, siteKey)).isZero();
    }

    @Test
    void inABatchEachEventNamingAnotherRegimesNoticeIsRefusedAlone() {
        String siteKey = Api.siteWithPolicies();
        String superseded = versionId(siteKey, "PRIVACY_POLICY");
        Api.publish(siteKey, "PRIVACY_POLICY", "2.0", true);
        String japanese = noticeIdFor(siteKey, "JP");
        String german = noticeIdFor(siteKey, "DE");

        fromCountry("DE").body(Map.of("events", List.of(event(japanese, null), event(german, List.of(superseded)),
                        event(german, null))))
                .post("/api/v1/sites/" + siteKey + "/events/batch").then().log().ifValidationFails().statusCode(200)
                .body("results.status", equalTo(List.of(400, 400, 201)))
                .body("results[0].problem.errors[0].field", equalTo("noticeId"))
                .body("results[1].problem.errors[0].field", equalTo("documentVersionIds"));
        assertThat(Rows.eventsOfSite(dataSource, siteKey)).isEqualTo(1);
    }

    private static String noticeIdFor(String siteKey, String country) {
        return fromCountry(country).get("/api/v1/sites/" + siteKey + "/notice").then().statusCode(200)
                .extract().path("noticeId");
    }

    private static String versionId(String siteKey, String kind) {
        return Api.asAdmin().get("/api/v1/admin/sites/" + siteKey + "/policy-versions").then().statusCode(200)
                .extract().jsonPath().getString("find { it.kind == '" + kind + "' }.id");
    }

    /** A rendering like a served one (one more text), stored as another replica would store it; its noticeId. */
    @SuppressWarnings("unchecked")
    private String servedByAnotherReplica(String siteKey, String servedHere) {
        Map<String, Object> rendering = new HashMap<>((Map<String, Object>) Json.parseObject(
                asAuditor().get("/api/v1/audit/sites/" + siteKey + "/notices/" + servedHere).then().statusCode(200)
                        .extract().asString()).get("rendering"));
        Map<String, Object> texts = new TreeMap<>((Map<String, Object>) rendering.get("texts"));
        texts.put("footnote", "Served elsewhere");
        rendering.put("texts", texts);
        String noticeId = NoticeRenderings.noticeId(rendering);
        Rows.execute(dataSource, "insert into rendered_notice (notice_id, site_id, rendering, first_served_at) "
                + "select ?, id, ?, now() from site where site_key = ?", noticeId, CanonicalJson.string(rendering), siteKey);
        return noticeId;
    }

    private static Map<String, Object> event(String noticeId, List<String> documentVersionIds) {
        Map<String, Object> event = new HashMap<>(Api.event("ACCEPT_ALL", UUID.randomUUID()));
        event.put("noticeId", noticeId);
        if (documentVersionIds != null) {
            event.put("documentVersionIds", documentVersionIds);
        }
        return event;
    }

    private static io.restassured.response.Response post(String siteKey, String country, Map<String, Object> event) {
        return fromCountry(country).body(event).post("/api/v1/sites/" + siteKey + "/events");
    }
}
