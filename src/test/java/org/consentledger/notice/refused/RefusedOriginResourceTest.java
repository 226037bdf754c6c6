package org.consentledger.notice.refused;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.consentledger.support.Api.asAdmin;
import static org.consentledger.support.Api.asAuditor;
import static org.consentledger.support.Api.fromCountry;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.consentledger.support.Api;
import org.consentledger.support.TestClock;
import org.consentledger.support.Tokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@Tag("database")
@QuarkusTest
class RefusedOriginResourceTest {

    private static final String FORGOTTEN = "https://shop.example.com";

    @Inject
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void everyRefusedCallIsCountedPerOriginWithWhenItWasFirstAndLastSeen() {
        String siteKey = Api.siteWithPolicies();
        String otherSite = Api.siteWithPolicies();
        Instant start = clock.instant();
        for (int i = 0; i < 3; i++) {
            fromCountry("DE").header("Origin", FORGOTTEN).get(notice(siteKey)).then().statusCode(403);
        }
        clock.advance(Duration.ofHours(2));
        fromCountry("DE").header("Origin", FORGOTTEN).body(Api.event("ACCEPT_ALL"))
                .post("/api/v1/sites/" + siteKey + "/events").then().statusCode(403);
        fromCountry("DE").header("Origin", "https://Blog.Example.com").get(notice(siteKey)).then().statusCode(403);
        fromCountry("DE").header("Origin", "https://www.example.com").get(notice(siteKey)).then().statusCode(200);

        List<Map<String, Object>> refused = asAdmin().get(refusedOrigins(siteKey))
                .then().log().ifValidationFails().statusCode(200).extract().jsonPath().getList("");

        assertThat(refused).extracting("origin", "count")
                .containsExactlyInAnyOrder(tuple(FORGOTTEN, 4),
                        tuple("https://blog.example.com", 1));
        Map<String, Object> forgotten = refused.stream().filter(r -> FORGOTTEN.equals(r.get("origin"))).findFirst().get();
        Instant first = Instant.parse((String) forgotten.get("firstSeen"));
        Instant last = Instant.parse((String) forgotten.get("lastSeen"));
        assertThat(first).isBetween(start, start.plusSeconds(60));
        assertThat(Duration.between(first, last)).isBetween(Duration.ofHours(2), Duration.ofHours(2).plusMinutes(1));
        asAdmin().get(refusedOrigins(otherSite)).then().statusCode(200).body("size()", equalTo(0));
    }

    @Test
    void countsAddUpAcrossFlushes() {
        String siteKey = Api.siteWithPolicies();
        fromCountry("DE").header("Origin", FORGOTTEN).get(notice(siteKey)).then().statusCode(403);
        asAdmin().get(refusedOrigins(siteKey)).then().statusCode(200).body("[0].count", equalTo(1));

        fromCountry("DE").header("Origin", FORGOTTEN).get(notice(siteKey)).then().statusCode(403);

        asAuditor().get(refusedOrigins(siteKey)).then().log().ifValidationFails().statusCode(200)
                .body("size()", equalTo(1)).body("[0].count", equalTo(2));
    }

    /**
     * Made-up Origin headers from one client fill the site's list; an origin refused for many
     * visitors still gets on it, first, and stays there through the next flood.
     */
    @Test
    void anOriginRefusedForManyVisitorsIsListedFirstDespiteFloodsOfMadeUpOriginsFromOneClient() {
        String siteKey = Api.siteWithPolicies();
        flood(siteKey, "first");
        asAdmin().get(refusedOrigins(siteKey)).then().statusCode(200).body("size()", equalTo(100));

        for (int i = 0; i < 5; i++) {
            fromClient("198.51." + (100 + i) + ".7").header("Origin", FORGOTTEN).get(notice(siteKey))
                    .then().statusCode(403);
        }
        asAdmin().get(refusedOrigins(siteKey)).then().log().ifValidationFails().statusCode(200)
                .body("size()", equalTo(100))
                .body("[0].origin", equalTo(FORGOTTEN)).body("[0].count", equalTo(5)).body("[0].clients", equalTo(5));

        flood(siteKey, "second");
        asAdmin().get(refusedOrigins(siteKey)).then().log().ifValidationFails().statusCode(200)
                .body("size()", equalTo(100))
                .body("[0].origin", equalTo(FORGOTTEN)).body("[0].clients", equalTo(5))
                .body("[1].clients", equalTo(1));
    }

    @Test
    void anOriginNotRefusedForTheExpiryPeriodIsNoLongerListed() {
        String siteKey = Api.siteWithPolicies();
        fromCountry("DE").header("Origin", FORGOTTEN).get(notice(siteKey)).then().statusCode(403);
        asAdmin().get(refusedOrigins(siteKey)).then().statusCode(200).body("size()", equalTo(1));

        clock.advance(Duration.ofDays(31));
        asAdmin().get(refusedOrigins(siteKey)).then().log().ifValidationFails().statusCode(200)
                .body("size()", equalTo(0));
        fromCountry("DE").header("Origin", FORGOTTEN).get(notice(siteKey)).then().statusCode(403);
        asAdmin().get(refusedOrigins(siteKey)).then().statusCode(200).body("size()", equalTo(1))
                .body("[0].count", equalTo(1));
    }

    /** 100 made-up origins, each refused once, all from one client. */
    private static void flood(String siteKey, String name) {
        for (int i = 0; i < 100; i++) {
            fromClient("203.0.113.9").header("Origin", "https://" + name + "-" + i + ".example")
                    .get(notice(siteKey)).then().statusCode(403);
        }
    }

    private static io.restassured.specification.RequestSpecification fromClient(String address) {
        return fromCountry("DE").header("X-Forwarded-For", address);
    }

    @Test
    void aScopedAuditorReadsItsOwnSiteOnly() {
        String siteKey = Api.siteWithPolicies();
        String otherSite = Api.siteWithPolicies();

        given().auth().oauth2(Tokens.withGroups("auditor:" + siteKey)).get(refusedOrigins(siteKey))
                .then().statusCode(200);
        given().auth().oauth2(Tokens.withGroups("auditor:" + siteKey)).get(refusedOrigins(otherSite))
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void anUnknownSiteIsNotFound() {
        asAdmin().get(refusedOrigins("no-such-site")).then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void refusedCallsPerSiteComeInOneRequestAndAScopedAdminSeesOnlyItsSites() {
        String siteKey = Api.siteWithPolicies();
        String otherSite = Api.siteWithPolicies();
        String quietSite = Api.siteWithPolicies();
        for (int i = 0; i < 2; i++) {
            fromCountry("DE").header("Origin", FORGOTTEN).get(notice(siteKey)).then().statusCode(403);
        }
        fromCountry("DE").header("Origin", "https://blog.example.com").get(notice(siteKey)).then().statusCode(403);
        fromCountry("DE").header("Origin", FORGOTTEN).get(notice(otherSite)).then().statusCode(403);

        Map<String, Object> calls = asAdmin().get("/api/v1/admin/refused-calls").then().statusCode(200).extract()
                .jsonPath().getMap("");
        assertThat(calls).containsEntry(siteKey, 3).containsEntry(otherSite, 1).doesNotContainKey(quietSite);
        Map<String, Object> scoped = given().auth().oauth2(Tokens.withGroups("admin:" + siteKey))
                .get("/api/v1/admin/refused-calls").then().statusCode(200).extract().jsonPath().getMap("");
        assertThat(scoped).containsOnlyKeys(siteKey);
    }

    private static String notice(String siteKey) {
        return "/api/v1/sites/" + siteKey + "/notice";
    }

    private static String refusedOrigins(String siteKey) {
        return "/api/v1/admin/sites/" + siteKey + "/refused-origins";
    }
}
