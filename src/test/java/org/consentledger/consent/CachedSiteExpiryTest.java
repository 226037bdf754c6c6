package org.consentledger.consent;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import javax.sql.DataSource;

import org.consentledger.notice.SiteNotices;
import org.consentledger.support.Api;
import org.consentledger.support.Rows;
import org.consentledger.support.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * An event whose site and rules are all in memory is recorded on the event loop, which must never
 * read the database. The site's cached entry expires every few seconds; when it expires between
 * the check "is everything in memory?" and the use, the event must still be recorded. The clock is
 * frozen and jumps right after the check, so the race happens every time.
 */
@QuarkusTest
class CachedSiteExpiryTest {

    @Inject
    TestClock clock;

    @Inject
    DataSource dataSource;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void anEventArrivingAsItsSitesCachedEntryExpiresIsStillRecorded() {
        String siteKey = Api.siteWithPolicies();
        clock.freeze();
        // Past every entry cached so far; then the site alone is read (a preflight), at T.
        clock.advance(Duration.ofSeconds(10));
        given().header("Origin", "https://www.example.com").header("Access-Control-Request-Method", "POST")
                .options("/api/v1/sites/" + siteKey + "/events").then().statusCode(204);
        // At T+3 the rules are read too (this event goes to a worker): they stay valid until T+8,
        // the site's entry only until T+5.
        clock.advance(Duration.ofSeconds(3));
        post(siteKey, Api.event("ACCEPT_ALL")).then().statusCode(201);

        // The next event finds both in memory at T+3, then time moves to T+6 before the site is used.
        clock.jumpRightAfterAReadIn(SiteNotices.class, "held", Duration.ofSeconds(3));
        Map<String, Object> event = Api.event("ACCEPT_ALL");
        post(siteKey, event).then().log().ifValidationFails().statusCode(201);

        assertThat(clock.jumped()).as("the clock jumped between the check and the use").isTrue();
        assertThat(Rows.count(dataSource, "select count(*) from consent_event where event_id = ?",
                UUID.fromString((String) event.get("eventId")))).isEqualTo(1);
    }

    private static io.restassured.response.Response post(String siteKey, Map<String, Object> event) {
        return given().contentType(ContentType.JSON).body(event).post("/api/v1/sites/" + siteKey + "/events");
    }
}
