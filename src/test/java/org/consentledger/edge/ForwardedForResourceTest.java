package org.consentledger.edge;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import jakarta.inject.Inject;

import javax.sql.DataSource;

import org.consentledger.support.Api;
import org.consentledger.support.Rows;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Behind a trusted proxy (in tests, 127.0.0.1 plays the edge): the stored prefix is the
 * right-most hop the proxy did not add itself, and the country header is believed.
 */
@QuarkusTest
class ForwardedForResourceTest {

    @Inject
    DataSource dataSource;

    @Test
    void theRightMostUntrustedHopIsStoredNotTheOneTheClientWrote() {
        String siteKey = Api.siteWithPolicies();
        Map<String, Object> event = Api.event("ACCEPT_ALL");
        given().contentType(ContentType.JSON).header("X-Forwarded-For", "203.0.113.9, 198.51.100.77")
                .header(Api.COUNTRY_HEADER, "FR").body(event)
                .post("/api/v1/sites/" + siteKey + "/events")
                .then().log().ifValidationFails().statusCode(201)
                .body("jurisdiction.source", equalTo("HEADER"));
        assertThat(Rows.count(dataSource, "select count(*) from consent_event where event_id = ?::uuid "
                + "and ip_prefix = '198.51.100.0/24' and country = 'FR'", event.get("eventId"))).isEqualTo(1);
    }

    @Test
    void aTrustedProxyWithoutForwardingIsTheClient() {
        String siteKey = Api.siteWithPolicies();
        Map<String, Object> event = Api.event("ACCEPT_ALL");
        given().contentType(ContentType.JSON).body(event).post("/api/v1/sites/" + siteKey + "/events")
                .then().statusCode(201);
        assertThat(Rows.count(dataSource, "select count(*) from consent_event where event_id = ?::uuid "
                + "and ip_prefix = '127.0.0.0/24'", event.get("eventId"))).isEqualTo(1);
    }

    @Test
    void theForwardedHeadersRightMostUntrustedNodeIsStored() {
        String siteKey = Api.siteWithPolicies();
        Map<String, Object> event = Api.event("ACCEPT_ALL");
        given().contentType(ContentType.JSON).header("Forwarded", "for=203.0.113.9")
                .header("Forwarded", "for=\"[2001:db8:cafe:17::1]:4711\";proto=https")
                .header(Api.COUNTRY_HEADER, "FR").body(event)
                .post("/api/v1/sites/" + siteKey + "/events")
                .then().log().ifValidationFails().statusCode(201)
                .body("jurisdiction.source", equalTo("HEADER"));
        assertThat(Rows.count(dataSource, "select count(*) from consent_event where event_id = ?::uuid "
                + "and ip_prefix = '2001:db8:cafe::/48'", event.get("eventId"))).isEqualTo(1);
    }

    @Test
    void withBothHeadersXForwardedForWinsOverAForwardedHeaderTheClientWrote() {
        String siteKey = Api.siteWithPolicies();
        Map<String, Object> event = Api.event("ACCEPT_ALL");
        given().contentType(ContentType.JSON).header("Forwarded", "for=203.0.113.9")
                .header("X-Forwarded-For", "198.51.100.77").body(event)
                .post("/api/v1/sites/" + siteKey + "/events")
                .then().log().ifValidationFails().statusCode(201);
        assertThat(Rows.count(dataSource, "select count(*) from consent_event where event_id = ?::uuid "
                + "and ip_prefix = '198.51.100.0/24'", event.get("eventId"))).isEqualTo(1);
    }
}
