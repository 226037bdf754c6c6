package org.consentledger.notice;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.consentledger.support.Api.asAuditor;
import static org.consentledger.support.Api.fromCountry;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.consentledger.ledger.LedgerKeys;
import org.consentledger.support.Api;
import org.consentledger.support.Ledger;
import org.consentledger.support.OfflineVerifier;
import org.consentledger.support.Rows;
import org.consentledger.support.Superuser;
import org.consentledger.support.Tokens;
import org.consentledger.verify.EvidenceVerifier;
import org.consentledger.verify.Json;
import org.consentledger.verify.Leaves;
import org.consentledger.verify.NoticeRenderings;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Proof of display: each notice served is kept once, and an event names the one it showed. */
@Tag("database")
@QuarkusTest
class NoticeProofTest {

    @Inject
    DataSource dataSource;

    @Inject
    LedgerKeys keys;

    private static String noticeIdFor(String siteKey, String country) {
        return fromCountry(country).get("/api/v1/sites/" + siteKey + "/notice")
                .then().statusCode(200).body("noticeId", matchesPattern("[0-9a-f]{64}")).extract().path("noticeId");
    }

    private static Map<String, Object> eventShowing(String noticeId, UUID visitor) {
        Map<String, Object> event = new HashMap<>(Api.event("ACCEPT_ALL", visitor));
        event.put("noticeId", noticeId);
        return event;
    }

    @Test
    void aServedNoticeIsStoredOnceAndItsIdIsTheHashOfItsRendering() {
        String siteKey = Api.siteWithPolicies();
        String inGermany = noticeIdFor(siteKey, "DE");
        String inFrance = noticeIdFor(siteKey, "FR");
        String inTheUs = noticeIdFor(siteKey, "US");

        assertThat(inFrance).as("two EEA visitors are shown the same thing").isEqualTo(inGermany);
        assertThat(inTheUs).as("an implied notice differs from an explicit one").isNotEqualTo(inGermany);
        assertThat(Rows.count(dataSource, "select count(*) from rendered_notice r join site s on s.id = r.site_id "
                + "where s.site_key = ?", siteKey)).isEqualTo(2);

        @SuppressWarnings("unchecked")
        Map<String, Object> shown = (Map<String, Object>) Json.parseObject(
                asAuditor().get("/api/v1/audit/sites/" + siteKey + "/notices/" + inGermany).asString()).get("rendering");
        assertThat(NoticeRenderings.noticeId(shown)).isEqualTo(inGermany);
        assertThat(shown.get("mode")).isEqualTo("EXPLICIT");
        assertThat(shown).doesNotContainKey("jurisdiction");
        assertThat((List<?>) shown.get("documents")).hasSize(2);
    }

    @Test
    void anEventNamingAServedNoticeRecordsIt() {
        String siteKey = Api.siteWithPolicies();
        String noticeId = noticeIdFor(siteKey, "DE");
        Map<String, Object> event = eventShowing(noticeId, UUID.randomUUID());
        fromCountry("DE").body(event).post("/api/v1/sites/" + siteKey + "/events")
                .then().statusCode(201);

        UUID eventId = UUID.fromString((String) event.get("eventId"));
        assertThat(Rows.count(dataSource, "select count(*) from consent_event where event_id = ? and notice_id = ?",
                eventId, noticeId)).isEqualTo(1);
        Map<String, Object> record = Ledger.awaitExportedRecord(Leaves.CONSENT_EVENT, "eventId", eventId.toString());
        assertThat(record.get("noticeId")).isEqualTo(noticeId);
        assertThat(Ledger.awaitExportedRecord(Leaves.RENDERED_NOTICE, "noticeId", noticeId).get("siteKey"))
                .isEqualTo(siteKey);
    }

    @Test
    void aNoticeIdTheSiteNeverServedIsRefusedAndNothingIsWritten() {
        String siteKey = Api.siteWithPolicies();
        String otherSite = Api.siteWithPolicies();
        String servedElsewhere = noticeIdFor(otherSite, "DE");
        for (String noticeId : List.of("0".repeat(64), servedElsewhere)) {
            Map<String, Object> event = eventShowing(noticeId, UUID.randomUUID());
            fromCountry("DE").body(event).post("/api/v1/sites/" + siteKey + "/events")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("errors[0].field", equalTo("noticeId"))
                    .body("errors[0].message", containsString("never served"));
        }
        given().contentType(ContentType.JSON).body(eventShowing("not-a-hash", UUID.randomUUID()))
                .post("/api/v1/sites/" + siteKey + "/events")
                .then().statusCode(400).body("errors[0].field", equalTo("noticeId"));
        assertThat(Rows.eventsOfSite(dataSource, siteKey)).isZero();
    }

    @Test
    void auditorsReadOnlyRenderingsTheirSiteServed() {
        String siteKey = Api.siteWithPolicies();
        String otherSite = Api.siteWithPolicies();
        String noticeId = noticeIdFor(siteKey, "DE");

        asAuditor().get("/api/v1/audit/sites/" + otherSite + "/notices/" + noticeId).then().statusCode(404)
                .contentType("application/problem+json");
        asAuditor().get("/api/v1/audit/sites/" + siteKey + "/notices/ABC").then().statusCode(400)
                .body("errors[0].field", equalTo("noticeId"));
        given().auth().oauth2(Tokens.withGroups("auditor:" + otherSite))
                .get("/api/v1/audit/sites/" + siteKey + "/notices/" + noticeId).then().statusCode(404);
        given().auth().oauth2(Tokens.admin())
                .get("/api/v1/audit/sites/" + siteKey + "/notices/" + noticeId).then().statusCode(403);
        given().get("/api/v1/audit/sites/" + siteKey + "/notices/" + noticeId).then().statusCode(401);
    }

    @Test
    void theEvidencePackageCarriesTheRenderingAndFailsWhenOneCharacterOfItChanges() throws Exception {
        String siteKey = Api.siteWithPolicies();
        String noticeId = noticeIdFor(siteKey, "DE");
        UUID visitor = UUID.randomUUID();
        Map<String, Object> event = eventShowing(noticeId, visitor);
        fromCountry("DE").body(event).post("/api/v1/sites/" + siteKey + "/events")
                .then().statusCode(201);
        Ledger.awaitInclusion(UUID.fromString((String) event.get("eventId")));

        String clean = evidence(siteKey, visitor);
        assertThat(sources(clean)).contains(Leaves.RENDERED_NOTICE);
        var verdict = EvidenceVerifier.verify(Json.parseObject(clean), keys.verifierKey(), null, null);
        assertThat(verdict.clean()).as(verdict.message()).isTrue();

        try (Superuser operator = Superuser.pausingTheSequencer(dataSource)) {
            operator.rewrite("update rendered_notice set rendering = replace(rendering, 'EXPLICIT', 'EXPLICIt') "
                    + "where notice_id = '" + noticeId + "'");
        }
        var tampered = EvidenceVerifier.verify(Json.parseObject(evidence(siteKey, visitor)), keys.verifierKey(),
                null, null);
        assertThat(tampered.clean()).isFalse();
        assertThat(tampered.message()).contains("altered");
    }

    @Test
    void aRenderingRewrittenBeforeTheLedgerHashedItNoLongerMatchesItsNoticeId() throws Exception {
        String siteKey = Api.siteWithPolicies();
        UUID visitor = UUID.randomUUID();
        String noticeId;
        Map<String, Object> event;
        try (Superuser operator = Superuser.pausingTheSequencer(dataSource)) {
            noticeId = noticeIdFor(siteKey, "DE");
            event = eventShowing(noticeId, visitor);
            fromCountry("DE").body(event).post("/api/v1/sites/" + siteKey + "/events")
                    .then().statusCode(201);
            operator.rewrite("update rendered_notice set rendering = replace(rendering, 'EXPLICIT', 'IMPLIED') "
                    + "where notice_id = '" + noticeId + "'");
        }
        Ledger.awaitInclusion(UUID.fromString((String) event.get("eventId")));
        var verdict = EvidenceVerifier.verify(Json.parseObject(evidence(siteKey, visitor)), keys.verifierKey(),
                null, null);
        assertThat(verdict.clean()).isFalse();
        assertThat(verdict.message()).contains("does not match its noticeId");
    }

    @Test
    void evidenceOfAVisitorShownTwoLanguagesAndTwoVersionsVerifiesOfflineUntilARenderingChanges() throws Exception {
        String siteKey = Api.siteWithPolicies();
        UUID visitor = UUID.randomUUID();
        String firstPolicy = policyVersionId(siteKey, "PRIVACY_POLICY");
        translateToGerman(siteKey, firstPolicy);
        String inEnglish = noticeIn(siteKey, "en");
        post(siteKey, eventShowing(inEnglish, visitor));

        String secondPolicy = Api.publish(siteKey, "PRIVACY_POLICY", "2.0", true);
        translateToGerman(siteKey, secondPolicy);
        String inGerman = noticeIn(siteKey, "de");
        UUID last = post(siteKey, eventShowing(inGerman, visitor));
        Ledger.awaitInclusion(last);

        java.nio.file.Path evidence = OfflineVerifier.file("evidence", ".json", evidence(siteKey, visitor));
        assertThat(sources(java.nio.file.Files.readString(evidence)))
                .contains(Leaves.RENDERED_NOTICE, Leaves.POLICY_TRANSLATION);
        OfflineVerifier.Run clean = OfflineVerifier.run(java.time.Clock.systemUTC(), "--key", Ledger.verifierKey(),
                "--evidence", evidence.toString());
        assertThat(clean.exit()).as(clean.output()).isZero();

        try (Superuser operator = Superuser.pausingTheSequencer(dataSource)) {
            operator.rewrite("update rendered_notice set rendering = replace(rendering, 'Datenschutz', 'Datenschutz ') "
                    + "where notice_id = '" + inGerman + "'");
        }
        java.nio.file.Path tampered = OfflineVerifier.file("evidence", ".json", evidence(siteKey, visitor));
        OfflineVerifier.Run caught = OfflineVerifier.run(java.time.Clock.systemUTC(), "--key", Ledger.verifierKey(),
                "--evidence", tampered.toString());
        assertThat(caught.exit()).as(caught.output()).isNotZero();
        assertThat(caught.output()).contains("altered");
    }

    private static String noticeIn(String siteKey, String language) {
        return fromCountry("DE").queryParam("lang", language).get("/api/v1/sites/" + siteKey + "/notice")
                .then().statusCode(200).body("language", equalTo(language)).extract().path("noticeId");
    }

    private static UUID post(String siteKey, Map<String, Object> event) {
        fromCountry("DE").body(event).post("/api/v1/sites/" + siteKey + "/events")
                .then().statusCode(201);
        return UUID.fromString((String) event.get("eventId"));
    }

    private static String policyVersionId(String siteKey, String kind) {
        return Api.asAdmin().get("/api/v1/admin/sites/" + siteKey + "/policy-versions").then().statusCode(200)
                .extract().jsonPath().getString("find { it.kind == '" + kind + "' }.id");
    }

    private static void translateToGerman(String siteKey, String versionId) {
        Api.asAdmin().body(Map.of("language", "de", "title", "Datenschutzerklärung",
                        "url", "https://www.example.com/de/datenschutz", "content", "Wir speichern nur, was wir müssen."))
                .post("/api/v1/admin/sites/" + siteKey + "/policy-versions/" + versionId + "/translations")
                .then().statusCode(201);
    }

    private static String evidence(String siteKey, UUID visitor) {
        return asAuditor().get("/api/v1/audit/sites/" + siteKey + "/visitors/" + visitor + "/evidence")
                .then().statusCode(200).extract().asString();
    }

    @SuppressWarnings("unchecked")
    private static List<Object> sources(String evidence) {
        return ((List<Map<String, Object>>) Json.parseObject(evidence).get("entries")).stream()
                .map(entry -> entry.get("source")).toList();
    }
}
