package org.consentledger.site;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.consentledger.support.Api.asAdmin;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import javax.sql.DataSource;

import org.consentledger.jurisdiction.CurrentRules;
import org.consentledger.retention.RetentionPeriods;
import org.consentledger.support.Api;
import org.consentledger.support.Rows;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

@Tag("database")
@QuarkusTest
class SiteResourceTest {

    private static final String PARTITIONS = "select count(*) from pg_inherits i join pg_class c on c.oid = i.inhrelid "
            + "where i.inhparent = 'consent_event'::regclass";

    @Inject
    DataSource dataSource;

    @Inject
    CurrentRules rules;

    @Test
    void creatingASiteReturnsItWithDefaultCategoriesAndALocation() {
        String siteKey = Api.freshSiteKey();
        asAdmin().body(Map.of("siteKey", siteKey, "name", "Shop", "origins", List.of("https://Shop.example.com")))
                .post("/api/v1/admin/sites")
                .then().statusCode(201)
                .header("Location", endsWith("/api/v1/admin/sites/" + siteKey))
                .body("siteKey", equalTo(siteKey))
                .body("origins", contains("https://shop.example.com"))
                .body("categories.key", contains("necessary", "functional", "analytics", "marketing"))
                .body("categories[0].required", equalTo(true))
                .body("impliedConsentCategories", contains("functional", "analytics", "marketing"))
                .body("createdAt", notNullValue());

        asAdmin().get("/api/v1/admin/sites/" + siteKey).then().statusCode(200).body("name", equalTo("Shop"));
        asAdmin().get("/api/v1/admin/sites").then().statusCode(200).body("siteKey", hasItem(siteKey));
    }

    @Test
    void aDuplicateSiteKeyIsAConflict() {
        String siteKey = Api.createSite();
        asAdmin().body(Map.of("siteKey", siteKey, "name", "Again"))
                .post("/api/v1/admin/sites")
                .then().statusCode(409).contentType("application/problem+json")
                .body("status", equalTo(409)).body("type", equalTo("/problems/conflict"));
    }

    @Test
    void anInvalidSiteKeyIsRejectedNamingTheFieldAndWritesNothing() {
        long before = Rows.count(dataSource, "select count(*) from site");
        asAdmin().body(Map.of("siteKey", "Bad Key!", "name", ""))
                .post("/api/v1/admin/sites")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", contains("name", "siteKey"));
        org.assertj.core.api.Assertions.assertThat(Rows.count(dataSource, "select count(*) from site")).isEqualTo(before);
    }

    @Test
    void updatingASiteChangesItsSettingsAndLogsBeforeAndAfter() {
        String siteKey = Api.createSite();
        asAdmin().body(Map.of("name", "Renamed", "origins", List.of("https://a.example.com"),
                        "categories", List.of("analytics", "marketing"), "impliedConsentCategories", List.of("analytics")))
                .put("/api/v1/admin/sites/" + siteKey)
                .then().statusCode(200)
                .body("name", equalTo("Renamed"))
                .body("categories.key", contains("necessary", "analytics", "marketing"))
                .body("impliedConsentCategories", contains("analytics"));
        org.assertj.core.api.Assertions.assertThat(Rows.count(dataSource,
                "select count(*) from admin_log where target = ? and action = 'SITE_UPDATED' "
                        + "and before ->> 'name' like 'Example %' and after ->> 'name' = 'Renamed'", siteKey))
                .isEqualTo(1);
    }

    @Test
    void aRetentionAtTheBoundIsKeptAndOneMonthMoreIsRefusedNamingTheFieldWithNothingWritten() {
        String siteKey = Api.createSite();
        setRetention(siteKey, 120).statusCode(200).body("retentionMonths", equalTo(120));
        long logged = Rows.count(dataSource, "select count(*) from admin_log where target = ?", siteKey);
        long partitions = Rows.count(dataSource, PARTITIONS);

        setRetention(siteKey, 121).statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("/problems/limit-exceeded")).body("status", equalTo(422))
                .body("detail", equalTo("retentionMonths may be at most 120 months"))
                .body("errors.field", contains("retentionMonths"))
                .body("errors[0].message", startsWith("must be at most 120 months (ten years, the longest limitation"));
        String fresh = Api.freshSiteKey();
        asAdmin().body(Map.of("siteKey", fresh, "name", "Kept forever", "retentionMonths", 1200))
                .post("/api/v1/admin/sites").then().statusCode(422).body("errors.field", contains("retentionMonths"));

        asAdmin().get("/api/v1/admin/sites/" + siteKey).then().statusCode(200).body("retentionMonths", equalTo(120));
        assertThat(Rows.count(dataSource, "select count(*) from admin_log where target = ?", siteKey)).isEqualTo(logged);
        assertThat(Rows.count(dataSource, "select count(*) from site where site_key = ?", fresh)).isZero();
        assertThat(Rows.count(dataSource, PARTITIONS)).isEqualTo(partitions);
    }

    @Test
    void theLongestRetentionMakesOnlyTheMonthsItsNextEventsAreKeptUntil() {
        String siteKey = Api.createSite();
        YearMonth now = YearMonth.now(ZoneOffset.UTC);
        // Beyond the default periods' months and before the site's: months no event is kept until.
        String gapFrom = partitionOf(now.plusMonths(RetentionPeriods.longestDefault(rules.current().rules()) + 4L));
        String gapTo = partitionOf(now.plusMonths(121));
        String inGap = PARTITIONS + " and c.relname > ? and c.relname < ?";
        long before = Rows.count(dataSource, PARTITIONS);
        long gapBefore = Rows.count(dataSource, inGap, gapFrom, gapTo);

        setRetention(siteKey, 120).statusCode(200);

        assertThat(Rows.count(dataSource, PARTITIONS) - before).as("partitions made").isBetween(0L, 4L);
        assertThat(Rows.count(dataSource, inGap, gapFrom, gapTo)).as("partitions in the gap").isEqualTo(gapBefore);
        for (int month = 121; month <= 124; month++) {
            assertThat(Rows.count(dataSource, PARTITIONS + " and c.relname = ?", partitionOf(now.plusMonths(month))))
                    .as("the partition of the month now + %d", month).isEqualTo(1);
        }
        UUID eventId = Api.postEvent(siteKey, "ACCEPT_ALL");
        assertThat(Rows.text(dataSource, "select tableoid::regclass::text from consent_event where event_id = ?", eventId))
                .isEqualTo(partitionOf(now.plusMonths(121)));
    }

    private static String partitionOf(YearMonth keptUntil) {
        return String.format("consent_event_%04d_%02d", keptUntil.getYear(), keptUntil.getMonthValue());
    }

    private static ValidatableResponse setRetention(String siteKey, Integer months) {
        Map<String, Object> body = new HashMap<>(Map.of("name", "Example " + siteKey,
                "origins", List.of("https://www.example.com"), "categories", List.of("analytics", "marketing"),
                "impliedConsentCategories", List.of()));
        body.put("retentionMonths", months);
        return asAdmin().body(body).put("/api/v1/admin/sites/" + siteKey).then();
    }

    @Test
    void unknownJsonFieldsAreRejected() {
        asAdmin().body(Map.of("siteKey", Api.freshSiteKey(), "name", "X", "owner", "me"))
                .post("/api/v1/admin/sites")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("owner"));
    }

    @Test
    void malformedJsonIsABadRequestWithoutInternals() {
        asAdmin().body("{\"siteKey\": ").post("/api/v1/admin/sites")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", equalTo("The request body is not valid JSON"));
    }

    @Test
    void anOriginLongerThanAHostNameCanBeIsRejected() {
        String siteKey = Api.freshSiteKey();
        asAdmin().body(Map.of("siteKey", siteKey, "name", "Long", "origins", List.of("https://" + "a".repeat(254))))
                .post("/api/v1/admin/sites")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", contains("origins[0]"));
        org.assertj.core.api.Assertions.assertThat(Rows.count(dataSource, "select count(*) from site where site_key = ?",
                siteKey)).isZero();
    }

    @Test
    void anUnknownSiteIsNotFound() {
        asAdmin().get("/api/v1/admin/sites/no-such-site").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void withoutATokenAdminEndpointsAreUnauthorized() {
        given().contentType(ContentType.JSON).get("/api/v1/admin/sites").then().statusCode(401);
    }
}
