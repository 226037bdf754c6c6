package org.consentledger.signals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.inject.Inject;

import javax.sql.DataSource;

import org.consentledger.support.Api;
import org.consentledger.support.OfflineVerifier;
import org.consentledger.support.Ledger;
import org.consentledger.support.Rows;
import org.consentledger.verify.CanonicalJson;
import org.consentledger.verify.Json;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.filter.log.LogDetail;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/**
 * A site's settings for the signals ad and analytics platforms read, what the notice tells the
 * banner of them, the GPP string each event carries into the record, and the UK's analytics
 * exemption.
 */
@QuarkusTest
class AdSignalsResourceTest {

    private static final String GPP_OPTED_OUT = "DBABLA~CVQVAAAAAACA.YA";

    @Inject
    DataSource dataSource;

    private static RequestSpecification from(String country, String region) {
        RequestSpecification spec = Api.fromCountry(country);
        return region == null ? spec : spec.header(Api.REGION_HEADER, region);
    }

    private static ValidatableResponse notice(String siteKey, String country, String region) {
        return from(country, region).get("/api/v1/sites/" + siteKey + "/notice").then()
                .log().ifValidationFails(LogDetail.ALL).statusCode(200);
    }

    private static ValidatableResponse post(RequestSpecification spec, String siteKey, Map<String, Object> event) {
        return spec.body(event).post("/api/v1/sites/" + siteKey + "/events").then().log().ifValidationFails(LogDetail.ALL);
    }

    /** The site's settings as GET returns them, with {@code changes} applied, PUT back. */
    private static ValidatableResponse update(String siteKey, Map<String, Object> changes) {
        Map<String, Object> site = new HashMap<>(Api.asAdmin().get("/api/v1/admin/sites/" + siteKey).then().statusCode(200)
                .extract().<Map<String, Object>>path(""));
        List<String> categories = Api.asAdmin().get("/api/v1/admin/sites/" + siteKey).then().extract()
                .path("categories.findAll { !it.required }.key");
        site.put("categories", categories);
        site.keySet().removeAll(List.of("siteKey", "createdAt", "updatedAt"));
        site.putAll(changes);
        return Api.asAdmin().body(site).put("/api/v1/admin/sites/" + siteKey).then().log().ifValidationFails(LogDetail.ALL);
    }

    private static Map<String, Object> withGpp(Map<String, Object> event, String gppString) {
        Map<String, Object> withGpp = new HashMap<>(event);
        withGpp.put("gppString", gppString);
        return withGpp;
    }

    @Test
    void aNewSiteHasTheDefaultsAndTheNoticeGivesAUsOptOutVisitorTheNationalSection() {
        String siteKey = Api.siteWithPolicies();
        Api.asAdmin().get("/api/v1/admin/sites/" + siteKey).then().statusCode(200)
                .body("signals.gpp.mspaCoveredTransaction", equalTo(false))
                .body("signals.gpp.mspaMode", nullValue())
                .body("signals.gpp.stateSections", equalTo(false))
                .body("signals.uet", equalTo(true))
                .body("signals.clarity", equalTo(true))
                .body("ukAnalyticsExemption", equalTo(false));

        notice(siteKey, "US", "US-CA").body("signals.gpp.sections", contains("usnat"))
                .body("signals.gpp.mspaCoveredTransaction", equalTo(false))
                .body("signals.uet", equalTo(true)).body("signals.clarity", equalTo(true));
        notice(siteKey, "DE", null).body("signals.gpp", nullValue()).body("exemptCategories", empty());
        notice(siteKey, "US", "US-AL").body("signals.gpp", nullValue()); // the NOTICE regime, not an opt-out one
    }

    @Test
    void theSiteChoosesTheMspaFieldsTheStateSectionAndTheMicrosoftSignals() {
        String siteKey = Api.siteWithPolicies();
        String etag = from("US", "US-CA").get("/api/v1/sites/" + siteKey + "/notice").header("ETag");

        update(siteKey, Map.of("signals", Map.of("gpp", Map.of("mspaCoveredTransaction", true,
                "mspaMode", "SERVICE_PROVIDER", "stateSections", true), "uet", false, "clarity", false)))
                .statusCode(200).body("signals.gpp.mspaMode", equalTo("SERVICE_PROVIDER"));

        notice(siteKey, "US", "US-CA").body("signals.gpp.sections", contains("usnat", "usca"))
                .body("signals.gpp.mspaCoveredTransaction", equalTo(true))
                .body("signals.gpp.mspaMode", equalTo("SERVICE_PROVIDER"))
                .body("signals.uet", equalTo(false)).body("signals.clarity", equalTo(false));
        notice(siteKey, "US", "US-VA").body("signals.gpp.sections", contains("usnat", "usva"));
        notice(siteKey, "US", "US-RI").body("signals.gpp.sections", contains("usnat", "usri"));
        notice(siteKey, "US", "US-AL").body("signals.gpp", nullValue()); // outside the opt-out regime
        // The banner's cached notice is not reused once the settings changed.
        from("US", "US-CA").header("If-None-Match", etag).get("/api/v1/sites/" + siteKey + "/notice")
                .then().statusCode(200);
    }

    @Test
    void aCoveredTransactionNeedsItsModeAndAnUnknownModeIsRefused() {
        String siteKey = Api.siteWithPolicies();
        update(siteKey, Map.of("signals", Map.of("gpp", Map.of("mspaCoveredTransaction", true))))
                .statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("signals.gpp.mspaMode"));
        update(siteKey, Map.of("signals", Map.of("gpp", Map.of("mspaMode", "OPT_OUT_OPTION"))))
                .statusCode(400).body("detail", containsString("signals.gpp.mspaMode"));
        update(siteKey, Map.of("signals", Map.of("gpp", Map.of("mspaCoveredTransaction", true, "mspaMode", "SOMETIMES"))))
                .statusCode(400).contentType("application/problem+json").body("detail", containsString("mspaMode"));
        Api.asAdmin().get("/api/v1/admin/sites/" + siteKey).then().body("signals.gpp.mspaCoveredTransaction", equalTo(false));
    }

    @Test
    void theGppStringOfAnEventIsStoredShownToAuditorsAndPartOfItsLedgerRecord() {
        String siteKey = Api.siteWithPolicies();
        Map<String, Object> event = withGpp(Api.event("OPTED_OUT"), GPP_OPTED_OUT);
        post(from("US", "US-CA").header("Sec-GPC", "1"), siteKey, event).statusCode(201);

        Api.asAuditor().queryParam("visitorId", event.get("visitorId"))
                .get("/api/v1/audit/sites/" + siteKey + "/events").then().statusCode(200)
                .body("items[0].gppString", equalTo(GPP_OPTED_OUT));
        assertThat(Rows.count(dataSource, "select count(*) from consent_event e join event_text t on t.id = e.gpp_id "
                + "where e.event_id = ?::uuid and t.kind = 'G' and t.value = ? and e.gpp is null",
                event.get("eventId"), GPP_OPTED_OUT)).isEqualTo(1);
        Map<String, Object> record = Ledger.awaitExportedRecord("consent_event", "eventId", (String) event.get("eventId"));
        assertThat(record).containsEntry("gpp", GPP_OPTED_OUT);

        Map<String, Object> without = Api.event("BANNER_CLOSED");
        post(from("US", "US-CA"), siteKey, without).statusCode(201);
        assertThat(Ledger.awaitExportedRecord("consent_event", "eventId", (String) without.get("eventId")))
                .doesNotContainKey("gpp");
    }

    @Test
    void aCaliforniansEvidencePackageHoldsTheGppStringsAndVerifiesOfflineAndAnAlteredOneFails() {
        String siteKey = Api.siteWithPolicies();
        UUID visitor = UUID.randomUUID();
        String notOptedOut = "DBABLA~CVQqAAAAAACA.QA";
        post(from("US", "US-CA"), siteKey, withGpp(Api.event("BANNER_CLOSED", visitor), notOptedOut)).statusCode(201);
        post(from("US", "US-CA"), siteKey, withGpp(Api.event("OPTED_OUT", visitor), GPP_OPTED_OUT)).statusCode(201);

        String path = "/api/v1/audit/sites/" + siteKey + "/visitors/" + visitor + "/evidence";
        AtomicReference<Map<String, Object>> evidence = new AtomicReference<>();
        Ledger.await("the package holds both events", () -> {
            var response = Api.asAuditor().get(path);
            if (response.statusCode() != 200) {
                return false;
            }
            evidence.set(Json.parseObject(response.asString()));
            return gppStrings(evidence.get()).size() == 2;
        });
        assertThat(gppStrings(evidence.get())).containsExactlyInAnyOrder(notOptedOut, GPP_OPTED_OUT);
        assertThat(verify(evidence.get()).exit()).as(verify(evidence.get()).output()).isZero();

        String altered = CanonicalJson.string(evidence.get()).replace(GPP_OPTED_OUT, notOptedOut);
        assertThat(verify(Json.parseObject(altered)).exit()).isNotZero();
    }

    @SuppressWarnings("unchecked")
    private static List<Object> gppStrings(Map<String, Object> evidence) {
        return ((List<Map<String, Object>>) evidence.get("entries")).stream()
                .filter(e -> "consent_event".equals(e.get("source")))
                .map(e -> ((Map<String, Object>) e.get("record")).get("gpp"))
                .filter(java.util.Objects::nonNull).toList();
    }

    private static OfflineVerifier.Run verify(Map<String, Object> evidence) {
        return OfflineVerifier.run(Clock.systemUTC(), "--key", Ledger.verifierKey(), "--evidence",
                OfflineVerifier.file("evidence", ".json", CanonicalJson.string(evidence)).toString());
    }

    @Test
    void aReplayWithAnotherGppStringIsAConflictAndTheSameOneReplays() {
        String siteKey = Api.siteWithPolicies();
        Map<String, Object> event = withGpp(Api.event("OPTED_OUT"), GPP_OPTED_OUT);
        post(from("US", "US-CA"), siteKey, event).statusCode(201);
        post(from("US", "US-CA"), siteKey, event).statusCode(200).body("eventId", equalTo(event.get("eventId")));
        post(from("US", "US-CA"), siteKey, withGpp(event, "DBABLA~CVQVAAAAAACA.QA")).statusCode(409);
    }

    @Test
    void aMalformedOrOversizedGppStringIsRefusedNamingTheFieldAndNothingIsWritten() {
        String siteKey = Api.siteWithPolicies();
        for (String bad : List.of("not-gpp", "DBABLA~<script>", "DBABLA~" + "A".repeat(600))) {
            Map<String, Object> event = withGpp(Api.event("OPTED_OUT"), bad);
            post(from("US", "US-CA"), siteKey, event).statusCode(400).contentType("application/problem+json")
                    .body("detail", containsString("gppString"));
            assertThat(Rows.count(dataSource, "select count(*) from consent_event_key where event_id = ?::uuid",
                    event.get("eventId"))).isZero();
        }
    }

    @Test
    void aHugeGppStringOrLanguageTagIsA400NotAStackOverflow() {
        String siteKey = Api.siteWithPolicies();
        Map<String, Object> gpp = withGpp(Api.event("OPTED_OUT"), "DB" + "~".repeat(200_000));
        post(from("US", "US-CA"), siteKey, gpp).statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("gppString"));
        Map<String, Object> language = new HashMap<>(Api.event("ACCEPT_ALL"));
        language.put("language", "en" + "-a".repeat(100_000));
        post(from("DE", null), siteKey, language).statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("language"));
    }

    @Test
    void aUkVisitorOnASiteWithTheExemptionHasAnalyticsUntilObjectingAndTheObjectionStands() {
        Api.ukAnalyticsExemptionInTheRules();
        String siteKey = Api.siteWithPolicies();
        update(siteKey, Map.of("ukAnalyticsExemption", true)).statusCode(200).body("ukAnalyticsExemption", equalTo(true));
        notice(siteKey, "GB", null).body("mode", equalTo("EXPLICIT")).body("exemptCategories", contains("analytics"));
        notice(siteKey, "DE", null).body("exemptCategories", empty());

        UUID visitor = UUID.randomUUID();
        post(from("GB", null), siteKey, Api.event("BANNER_CLOSED", visitor)).statusCode(201)
                .body("outcome.categories.analytics", equalTo("GRANTED"))
                .body("outcome.categories.marketing", equalTo("DENIED"));
        post(from("GB", null), siteKey, Api.event("OPTED_OUT", visitor)).statusCode(201)
                .body("outcome.basis", equalTo("EXPLICIT"))
                .body("outcome.categories.analytics", equalTo("DENIED"))
                .body("outcome.optOut", equalTo("VISITOR"));
        post(from("GB", null), siteKey, Api.event("BROWSING_CONTINUED", visitor)).statusCode(201)
                .body("outcome.categories.analytics", equalTo("DENIED"));

        // An objection after Accept all withdraws analytics alone.
        UUID accepting = UUID.randomUUID();
        post(from("GB", null), siteKey, Api.event("ACCEPT_ALL", accepting)).statusCode(201);
        post(from("GB", null), siteKey, Api.event("OPTED_OUT", accepting)).statusCode(201)
                .body("outcome.categories.analytics", equalTo("DENIED"))
                .body("outcome.categories.marketing", equalTo("GRANTED"))
                .body("outcome.categories.functional", equalTo("GRANTED"));

        // Elsewhere in Europe the same act grants nothing optional.
        post(from("DE", null), siteKey, Api.event("BANNER_CLOSED")).statusCode(201)
                .body("outcome.categories.analytics", equalTo("DENIED"));
    }

    @Test
    void withoutTheSiteSwitchAUkVisitorClosingTheBannerGrantsNothingOptional() {
        String siteKey = Api.siteWithPolicies();
        notice(siteKey, "GB", null).body("exemptCategories", empty());
        post(from("GB", null), siteKey, Api.event("BANNER_CLOSED")).statusCode(201)
                .body("outcome.categories.analytics", equalTo("DENIED"));
    }

    @Test
    void theRulesVersionOfV29LetsOnlyTheUkExemptAnalytics() {
        long version = Rows.count(dataSource, "select version from jurisdiction_rules where published_by = 'migration V29'");
        assertThat(version).as("a version after V5's").isGreaterThanOrEqualTo(2);
        Api.asAuditor().get("/api/v1/admin/jurisdiction-rules/" + version).then().statusCode(200)
                .body("publishedBy", equalTo("migration V29"))
                .body("rules.regimes.find { it.code == 'UK' }.exemptCategories", contains("analytics"))
                .body("rules.regimes.find { it.code == 'EEA' }.exemptCategories", nullValue());
    }
}
