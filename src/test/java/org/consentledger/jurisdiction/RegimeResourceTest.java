package org.consentledger.jurisdiction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.nullValue;

import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import javax.sql.DataSource;

import org.consentledger.consent.EventColumns;
import org.consentledger.support.Api;
import org.consentledger.support.Ledger;
import org.consentledger.support.Rows;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.filter.log.LogDetail;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/** The regime each visitor gets, what it decides, and what is recorded, through the public API. */
@QuarkusTest
class RegimeResourceTest {

    static final String REGION_HEADER = "X-Test-Region";

    @Inject
    DataSource dataSource;

    static RequestSpecification from(String country, String region) {
        RequestSpecification spec = Api.fromCountry(country);
        return region == null ? spec : spec.header(REGION_HEADER, region);
    }

    static int currentVersion() {
        return Api.asAuditor().get("/api/v1/admin/jurisdiction-rules").then().statusCode(200).extract().path("version");
    }

    static ValidatableResponse post(RequestSpecification spec, String siteKey, Map<String, Object> event) {
        return spec.body(event).post("/api/v1/sites/" + siteKey + "/events").then()
                .log().ifValidationFails(LogDetail.ALL);
    }

    @ParameterizedTest(name = "{0} {1}: {2}")
    @CsvSource({ "DE,,EEA,EXPLICIT", "GB,,UK,EXPLICIT", "CH,,CH,EXPLICIT", "BR,,BR,EXPLICIT",
            "US,CA,US-OPT-OUT,OPT_OUT", "US,US-VA,US-OPT-OUT,OPT_OUT", "US,,NOTICE,IMPLIED", "US,AL,NOTICE,IMPLIED",
            "JP,,NOTICE,IMPLIED", "ZZ,,DEFAULT,EXPLICIT" })
    void eachPlaceGetsItsRegimeAndClosingTheBannerDecidesByItsMode(String country, String region, String regime,
            String mode) {
        String siteKey = Api.siteWithPolicies();
        int version = currentVersion();
        from(country, region).get("/api/v1/sites/" + siteKey + "/notice").then()
                .log().ifValidationFails(LogDetail.ALL).statusCode(200)
                .body("regime", equalTo(regime)).body("mode", equalTo(mode)).body("rulesVersion", equalTo(version))
                .body("jurisdiction.regime", equalTo(regime)).body("jurisdiction.rulesVersion", equalTo(version));

        Map<String, Object> event = Api.event("BANNER_CLOSED");
        String granted = mode.equals("EXPLICIT") ? "DENIED" : "GRANTED";
        post(from(country, region), siteKey, event).statusCode(201)
                .body("jurisdiction.regime", equalTo(regime))
                .body("outcome.basis", equalTo("IMPLIED"))
                .body("outcome.categories.analytics", equalTo(granted))
                .body("outcome.categories.marketing", equalTo(granted))
                .body("outcome.optOut", nullValue());
        assertThat(Rows.count(dataSource, "select count(*) from consent_event where event_id = ?::uuid and regime = ? "
                + "and rules_version = ?", event.get("eventId"), regime, version)).isEqualTo(1);
    }

    @Test
    void theNoticeShowsTheRegionAndWhichCategoriesAreSoldOrShared() {
        String siteKey = Api.siteWithPolicies();
        from("US", "ca").get("/api/v1/sites/" + siteKey + "/notice").then().statusCode(200)
                .body("jurisdiction.country", equalTo("US"))
                .body("jurisdiction.region", equalTo("US-CA"))
                .body("categories.key", contains("necessary", "functional", "analytics", "marketing"))
                .body("categories.saleOrShare", contains(false, false, false, true));
    }

    @Test
    void theEtagChangesWithTheRegime() {
        String siteKey = Api.siteWithPolicies();
        Response california = from("US", "CA").get("/api/v1/sites/" + siteKey + "/notice");
        california.then().statusCode(200).header("Vary", containsString(REGION_HEADER));
        from("US", "AL").header("If-None-Match", california.header("ETag")).get("/api/v1/sites/" + siteKey + "/notice")
                .then().statusCode(200).body("regime", equalTo("NOTICE"));
        from("US", "CA").header("If-None-Match", california.header("ETag")).get("/api/v1/sites/" + siteKey + "/notice")
                .then().statusCode(304);
    }

    @Test
    void gpcUnderOptOutDeniesSaleOrSharingAndIsRecordedAsAnOptOut() {
        String siteKey = Api.siteWithPolicies();
        Map<String, Object> event = Api.event("BANNER_CLOSED");
        post(from("US", "CA").header("Sec-GPC", "1"), siteKey, event).statusCode(201)
                .body("outcome.categories.analytics", equalTo("GRANTED"))
                .body("outcome.categories.marketing", equalTo("DENIED"))
                .body("outcome.optOut", equalTo("GPC"));
        assertThat(Rows.count(dataSource, "select count(*) from consent_event e" + EventColumns.outcomeJoin("e")
                + " where e.event_id = ?::uuid and " + EventColumns.outcome("e") + " ->> 'optOut' = 'GPC' "
                + "and e.region = 'US-CA'", event.get("eventId"))).isEqualTo(1);

        Map<String, Object> record = Ledger.awaitExportedRecord("consent_event", "eventId", (String) event.get("eventId"));
        assertThat(record.get("jurisdiction")).isEqualTo(Map.of("country", "US", "region", "US-CA", "eea", false,
                "source", "HEADER", "regime", "US-OPT-OUT", "rulesVersion", (long) currentVersion()));
        assertThat(((Map<?, ?>) record.get("outcome")).get("optOut")).isEqualTo("GPC");
    }

    @Test
    void gpcUnderNoticeDeniesMarketingWithoutCountingAsAnOptOut() {
        String siteKey = Api.siteWithPolicies();
        post(from("JP", null).header("Sec-GPC", "1"), siteKey, Api.event("BANNER_CLOSED")).statusCode(201)
                .body("outcome.categories.analytics", equalTo("GRANTED"))
                .body("outcome.categories.marketing", equalTo("DENIED"))
                .body("outcome.optOut", nullValue());
    }

    @Test
    void aVisitorWhoOptedOutStaysOptedOutUnderOptOut() {
        String siteKey = Api.siteWithPolicies();
        UUID visitor = UUID.randomUUID();
        post(from("US", "CA"), siteKey, Api.event("OPTED_OUT", visitor)).statusCode(201)
                .body("outcome.basis", equalTo("EXPLICIT"))
                .body("outcome.categories.analytics", equalTo("GRANTED"))
                .body("outcome.categories.marketing", equalTo("DENIED"))
                .body("outcome.optOut", equalTo("VISITOR"));
        post(from("US", "CA"), siteKey, Api.event("BROWSING_CONTINUED", visitor)).statusCode(201)
                .body("outcome.categories.marketing", equalTo("DENIED"))
                .body("outcome.optOut", equalTo("VISITOR"));
        post(from("US", "CA"), siteKey, Api.event("BROWSING_CONTINUED")).statusCode(201)
                .body("outcome.categories.marketing", equalTo("GRANTED"))
                .body("outcome.optOut", nullValue());
    }

    @Test
    void aStricterOverrideAppliesAndItIsLoggedWithTheSite() {
        String siteKey = Api.siteWithPolicies();
        update(siteKey, Map.of("*", "EEA")).statusCode(200).body("regimeOverrides", equalTo(Map.of("*", "EEA")));
        from("JP", null).get("/api/v1/sites/" + siteKey + "/notice").then().statusCode(200)
                .body("regime", equalTo("EEA")).body("mode", equalTo("EXPLICIT"));
        from("US", "CA").get("/api/v1/sites/" + siteKey + "/notice").then().statusCode(200)
                .body("regime", equalTo("EEA"));
        assertThat(Rows.count(dataSource, "select count(*) from admin_log where action = 'SITE_UPDATED' and target = ? "
                + "and after -> 'regimeOverrides' ->> '*' = 'EEA'", siteKey)).isEqualTo(1);

        update(siteKey, Map.of("US", "US-OPT-OUT")).statusCode(200);
        from("US", null).get("/api/v1/sites/" + siteKey + "/notice").then().statusCode(200)
                .body("regime", equalTo("US-OPT-OUT")).body("mode", equalTo("OPT_OUT"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({ "DE,NOTICE", "US-CA,NOTICE", "*,US-OPT-OUT", "XX,EEA", "DE,NOPE", "CALIFORNIA,EEA" })
    void aLooserOrUnknownOverrideIsRefusedNamingRegimeOverrides(String key, String regime) {
        String siteKey = Api.siteWithPolicies();
        update(siteKey, Map.of(key, regime)).statusCode(400).contentType("application/problem+json")
                .body("errors.field", contains("regimeOverrides"));
        assertThat(Rows.count(dataSource, "select count(*) from site where site_key = ? and regime_overrides = '{}'",
                siteKey)).isEqualTo(1);
    }

    @Test
    void saleOrShareCategoriesDefaultToMarketingAndMustBeTheSitesOwn() {
        String withMarketing = Api.createSite();
        Api.asAdmin().get("/api/v1/admin/sites/" + withMarketing).then().statusCode(200)
                .body("saleOrShareCategories", contains("marketing"));
        String key = Api.freshSiteKey();
        Api.asAdmin().body(Map.of("siteKey", key, "name", "No ads", "categories", java.util.List.of("analytics")))
                .post("/api/v1/admin/sites").then().statusCode(201)
                .body("saleOrShareCategories", equalTo(java.util.List.of()))
                .body("categories.saleOrShare", everyItem(equalTo(false)));
        String other = Api.freshSiteKey();
        Api.asAdmin().body(Map.of("siteKey", other, "name", "Ads", "saleOrShareCategories", java.util.List.of("ads")))
                .post("/api/v1/admin/sites").then().statusCode(400)
                .body("errors.field", contains("saleOrShareCategories"));
        assertThat(Rows.count(dataSource, "select count(*) from site where site_key = ?", other)).isZero();
    }

    @Test
    void auditorsFindEventsByRegimeAndSeeItInExports() {
        String siteKey = Api.siteWithPolicies();
        post(from("DE", null), siteKey, Api.event("ACCEPT_ALL")).statusCode(201);
        Map<String, Object> californian = Api.event("OPTED_OUT");
        post(from("US", "CA"), siteKey, californian).statusCode(201);
        String events = "/api/v1/audit/sites/" + siteKey + "/events";

        Api.asAuditor().queryParam("regime", "us-opt-out").get(events).then()
                .log().ifValidationFails(LogDetail.ALL).statusCode(200)
                .body("items.eventId", contains(californian.get("eventId")))
                .body("items[0].jurisdiction.regime", equalTo("US-OPT-OUT"))
                .body("items[0].jurisdiction.region", equalTo("US-CA"))
                .body("items[0].jurisdiction.rulesVersion", equalTo(currentVersion()))
                .body("items[0].outcome.optOut", equalTo("VISITOR"));
        Api.asAuditor().queryParam("regime", "not a regime!").get(events).then().statusCode(400)
                .body("errors.field", contains("regime"));
        String csv = Api.asAuditor().queryParam("regime", "EEA").get(events + "/export").then().statusCode(200)
                .extract().asString();
        assertThat(csv.lines().findFirst().orElseThrow()).contains(",region,regime,rules_version,");
        assertThat(csv.lines().skip(1).toList()).singleElement().asString().contains(",EEA," + currentVersion() + ",");
    }

    private static ValidatableResponse update(String siteKey, Map<String, String> overrides) {
        return Api.asAdmin().body(Map.of("name", "Example " + siteKey, "origins", java.util.List.of("https://www.example.com"),
                "categories", java.util.List.of("functional", "analytics", "marketing"),
                "impliedConsentCategories", java.util.List.of("functional", "analytics", "marketing"),
                "regimeOverrides", overrides))
                .put("/api/v1/admin/sites/" + siteKey).then().log().ifValidationFails(LogDetail.ALL);
    }
}
