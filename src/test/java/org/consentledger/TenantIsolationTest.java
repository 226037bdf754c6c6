package org.consentledger;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.not;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import javax.sql.DataSource;

import org.consentledger.support.Api;
import org.consentledger.support.Rows;
import org.consentledger.support.Tokens;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.filter.log.LogDetail;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * The report, turned round: an auditor meant for one client's site, or for an agency's
 * group of sites, reads those sites and nothing else; an admin meant for one site changes only it.
 * Another client's site looks exactly like a site that does not exist.
 */
@Tag("database")
@QuarkusTest
class TenantIsolationTest {

    private static final String AUDIT = "/api/v1/audit/sites/";
    private static final String ADMIN = "/api/v1/admin/sites/";

    @Inject
    DataSource dataSource;

    /** Two of an agency's sites under one prefix, and another client's site, each with one event. */
    record Clients(String prefix, String newsA, String newsB, String shop, UUID eventA, UUID eventB, UUID eventShop) {

        static Clients create() {
            String prefix = "news" + Api.freshSiteKey().substring("site".length());
            String newsA = Api.siteWithPolicies(prefix + "-a");
            String newsB = Api.siteWithPolicies(prefix + "-b");
            String shop = Api.siteWithPolicies("shop" + Api.freshSiteKey().substring("site".length()));
            return new Clients(prefix, newsA, newsB, shop, accept(newsA), accept(newsB), accept(shop));
        }

        private static UUID accept(String siteKey) {
            Map<String, Object> event = Api.event("ACCEPT_ALL");
            Api.fromCountry("DE").body(event).post("/api/v1/sites/" + siteKey + "/events").then().statusCode(201);
            return UUID.fromString((String) event.get("eventId"));
        }
    }

    @Test
    void anAuditorMeantForOneClientsSiteReadsThatSiteAndNothingElse() {
        Clients clients = Clients.create();
        String unknown = Api.freshSiteKey();
        String token = Tokens.withGroups("auditor:" + clients.newsA());

        as(token).get(AUDIT + clients.newsA() + "/events").then().log().ifValidationFails(LogDetail.ALL)
                .statusCode(200).body("items.eventId", contains(clients.eventA().toString()))
                .body("items.siteKey", everyItem(equalTo(clients.newsA())));
        as(token).get(AUDIT + clients.newsA() + "/events/export?format=csv").then().statusCode(200)
                .body(containsString(clients.eventA().toString()))
                .body(not(containsString(clients.eventShop().toString())));

        for (String path : List.of("/events", "/events/export", "/summary",
                "/visitors/" + UUID.randomUUID() + "/history", "/visitors/" + UUID.randomUUID() + "/evidence")) {
            assertLooksUnknown(as(token).get(AUDIT + clients.shop() + path), as(token).get(AUDIT + unknown + path));
            assertLooksUnknown(as(token).get(AUDIT + clients.newsB() + path), as(token).get(AUDIT + unknown + path));
        }
        for (String ledger : List.of("/api/v1/ledger/export", "/api/v1/ledger/checkpoints",
                "/api/v1/ledger/proof/inclusion?eventId=" + clients.eventShop(), "/api/v1/ledger/proof/consistency?from=0")) {
            as(token).get(ledger).then().log().ifValidationFails(LogDetail.ALL).statusCode(403);
        }
    }

    @Test
    void anAgencysAuditorWithAPatternReadsEachOfItsSitesButNoOneElses() {
        Clients clients = Clients.create();
        String token = Tokens.withGroups("auditor:" + clients.prefix() + "-*");

        as(token).get(AUDIT + clients.newsA() + "/events").then().statusCode(200)
                .body("items.eventId", contains(clients.eventA().toString()));
        as(token).get(AUDIT + clients.newsB() + "/events").then().statusCode(200)
                .body("items.eventId", contains(clients.eventB().toString()));
        as(token).get(AUDIT + clients.newsB() + "/summary").then().statusCode(200).body("total", equalTo(1));
        as(token).get(AUDIT + clients.shop() + "/events").then().statusCode(404);
        as(token).get(AUDIT + clients.shop() + "/summary").then().statusCode(404);
    }

    @Test
    void anAdminMeantForOneSiteListsAndChangesOnlyThatSite() {
        Clients clients = Clients.create();
        String token = Tokens.withGroups("admin:" + clients.newsA());
        long shopVersions = Rows.count(dataSource, "select count(*) from policy_version v join site s on s.id = v.site_id "
                + "where s.site_key = ?", clients.shop());

        as(token).get("/api/v1/admin/sites").then().statusCode(200).body("siteKey", contains(clients.newsA()));
        assertLooksUnknown(as(token).body(siteUpdate("https://evil.example.com")).put(ADMIN + clients.shop()),
                as(token).body(siteUpdate("https://evil.example.com")).put(ADMIN + Api.freshSiteKey()));
        as(token).body(cookiePolicy()).post(ADMIN + clients.shop() + "/policy-versions").then().statusCode(404);
        as(token).body(Map.of("siteKey", clients.prefix() + "-c", "name", "Claimed")).post("/api/v1/admin/sites")
                .then().statusCode(403);
        as(token).body(siteUpdate("https://news-a.example.com")).put(ADMIN + clients.newsA()).then().statusCode(200);

        assertThat(Rows.count(dataSource, "select count(*) from site where site_key = ? and origins = '{https://www.example.com}'",
                clients.shop())).as("the other site's origins are untouched").isEqualTo(1);
        assertThat(Rows.count(dataSource, "select count(*) from policy_version v join site s on s.id = v.site_id "
                + "where s.site_key = ?", clients.shop())).isEqualTo(shopVersions);
        assertThat(Rows.count(dataSource, "select count(*) from site where site_key = ?", clients.prefix() + "-c")).isZero();
        assertThat(Rows.count(dataSource, "select count(*) from admin_log where action = 'SITE_UPDATED' and target = ? "
                + "and actor = ?", clients.newsA(), "test-admin:" + clients.newsA())).isEqualTo(1);
    }

    @Test
    void groupsThatAreNotAGrantAreIgnoredWithoutSpoilingTheToken() {
        Clients clients = Clients.create();
        String[] malformed = { "auditor:", "auditor:*", "auditor:NEWS-A", "auditor:" + clients.prefix() + "*-a",
                "auditor:" + clients.newsA() + ":x", "auditor-scoped", "admin-scoped", "service-scoped", " auditor" };

        as(Tokens.withGroups(malformed)).get(AUDIT + clients.newsA() + "/events").then().statusCode(403);
        as(Tokens.withGroups(malformed)).get("/api/v1/audit/admin-log").then().statusCode(403);
        as(Tokens.withGroups(malformed)).get("/api/v1/admin/sites").then().statusCode(403);

        String[] withOneGrant = List.of(List.of(malformed), List.of("auditor:" + clients.newsA())).stream()
                .flatMap(List::stream).toArray(String[]::new);
        as(Tokens.withGroups(withOneGrant)).get(AUDIT + clients.newsA() + "/events").then().statusCode(200);
        as(Tokens.withGroups(withOneGrant)).get(AUDIT + clients.shop() + "/events").then().statusCode(404);
    }

    /** Same status, type, title and detail as the answer about a site that does not exist. */
    private static void assertLooksUnknown(Response outOfScope, Response unknown) {
        outOfScope.then().log().ifValidationFails(LogDetail.ALL).statusCode(404).contentType("application/problem+json");
        unknown.then().statusCode(404);
        for (String field : List.of("status", "type", "title", "detail")) {
            assertThat(outOfScope.jsonPath().getString(field)).as(field).isEqualTo(unknown.jsonPath().getString(field));
        }
    }

    private static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    private static Map<String, Object> siteUpdate(String origin) {
        return Map.of("name", "Changed", "origins", List.of(origin), "categories", List.of("analytics"),
                "impliedConsentCategories", List.of());
    }

    private static Map<String, Object> cookiePolicy() {
        return Map.of("kind", "COOKIE_POLICY", "version", "1", "title", "Cookies",
                "url", "https://www.example.com/cookies", "content", "Text");
    }
}
