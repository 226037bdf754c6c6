package org.consentledger.edge;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.util.Map;

import jakarta.inject.Inject;

import javax.sql.DataSource;

import org.consentledger.support.Api;
import org.consentledger.support.ProductionEdge;
import org.consentledger.support.Rows;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * A client that reaches the service without the edge (here 127.0.0.1, while only 192.0.2.1 is a
 * trusted proxy) cannot choose its jurisdiction or its address: the country header and
 * X-Forwarded-For it sends are ignored, and it counts as DEFAULT, the strictest rule.
 */
@QuarkusTest
@TestProfile(ProductionEdge.class)
class UntrustedClientResourceTest {

    @Inject
    DataSource dataSource;

    @Test
    void theCountryHeaderFromAnUntrustedClientIsNotBelieved() {
        String siteKey = Api.siteWithPolicies();
        given().header(Api.COUNTRY_HEADER, "US").get("/api/v1/sites/" + siteKey + "/notice")
                .then().log().ifValidationFails().statusCode(200)
                .body("mode", equalTo("EXPLICIT"))
                .body("jurisdiction.country", nullValue())
                .body("jurisdiction.eea", equalTo(true))
                .body("jurisdiction.source", equalTo("DEFAULT"));
    }

    @Test
    void theRegionHeaderFromAnUntrustedClientIsNotBelievedEither() {
        String siteKey = Api.siteWithPolicies();
        given().header(Api.COUNTRY_HEADER, "US").header("X-Test-Region", "US-CA").get("/api/v1/sites/" + siteKey + "/notice")
                .then().log().ifValidationFails().statusCode(200)
                .body("regime", equalTo("DEFAULT"))
                .body("mode", equalTo("EXPLICIT"))
                .body("jurisdiction.region", nullValue());
    }

    @Test
    void anUntrustedClientsForwardingIsIgnoredAndItsEventIsRecordedAsDefault() {
        String siteKey = Api.siteWithPolicies();
        Map<String, Object> event = Api.event("BANNER_CLOSED");
        given().contentType(ContentType.JSON).header(Api.COUNTRY_HEADER, "US")
                .header("X-Forwarded-For", "198.51.100.77").body(event)
                .post("/api/v1/sites/" + siteKey + "/events")
                .then().log().ifValidationFails().statusCode(201)
                .body("jurisdiction.source", equalTo("DEFAULT"));
        assertThat(Rows.count(dataSource, "select count(*) from consent_event where event_id = ?::uuid "
                + "and ip_prefix = '127.0.0.0/24' and country is null and eea", event.get("eventId"))).isEqualTo(1);
    }

    @Test
    void anUntrustedClientsForwardedHeaderIsIgnored() {
        String siteKey = Api.siteWithPolicies();
        Map<String, Object> event = Api.event("BANNER_CLOSED");
        given().contentType(ContentType.JSON).header("Forwarded", "for=198.51.100.77;proto=https").body(event)
                .post("/api/v1/sites/" + siteKey + "/events")
                .then().log().ifValidationFails().statusCode(201);
        assertThat(Rows.count(dataSource, "select count(*) from consent_event where event_id = ?::uuid "
                + "and ip_prefix = '127.0.0.0/24'", event.get("eventId"))).isEqualTo(1);
    }
}
