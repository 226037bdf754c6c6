package org.consentledger.decision;

import static io.restassured.RestAssured.given;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.consentledger.support.Api;
import org.consentledger.support.Rows;
import org.consentledger.support.Tokens;

import io.restassured.filter.log.LogDetail;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/** A site's backend and its visitors, for the decision tests: the acts a banner records and the reads a backend makes. */
final class Decisions {

    private Decisions() {
    }

    /** A backend of that site only. */
    static RequestSpecification asService(String siteKey) {
        return given().auth().oauth2(Tokens.withGroups("service:" + siteKey)).contentType(ContentType.JSON);
    }

    static ValidatableResponse decisionOf(String siteKey, UUID visitor) {
        return asService(siteKey).queryParam("visitorId", visitor.toString()).get(path(siteKey))
                .then().log().ifValidationFails(LogDetail.ALL).statusCode(200);
    }

    static ValidatableResponse decisionOfUser(String siteKey, String userId) {
        return asService(siteKey).queryParam("userId", userId).get(path(siteKey))
                .then().log().ifValidationFails(LogDetail.ALL).statusCode(200);
    }

    /** Links the visitor id to the account, as the site's backend does once the person signs in. */
    static void link(String siteKey, UUID visitor, String userId) {
        asService(siteKey).body(Map.of("visitorId", visitor.toString(), "userId", userId))
                .post("/api/v1/sites/" + siteKey + "/identities").then().log().ifValidationFails(LogDetail.ALL)
                .statusCode(201);
    }

    static void unlink(String siteKey, UUID visitor) {
        asService(siteKey).delete("/api/v1/sites/" + siteKey + "/identities/" + visitor).then()
                .log().ifValidationFails(LogDetail.ALL).statusCode(204);
    }

    /** What the banner on that visitor's browser reads. */
    static ValidatableResponse bannerConsentOf(String siteKey, UUID visitor) {
        return given().get("/api/v1/sites/" + siteKey + "/visitors/" + visitor + "/consent")
                .then().log().ifValidationFails(LogDetail.ALL).statusCode(200);
    }

    static String path(String siteKey) {
        return "/api/v1/sites/" + siteKey + "/decisions";
    }

    static Map<String, Object> query(List<UUID> visitors) {
        return Map.of("subjects", visitors.stream().map(v -> Map.of("visitorId", v.toString())).toList());
    }

    /** Records the act as a banner in that country would, and returns its eventId. */
    static String act(String siteKey, String country, String type, UUID visitor, List<String> categories) {
        Map<String, Object> event = new HashMap<>(Api.event(type, visitor));
        if (categories != null) {
            event.put("categories", categories);
        }
        Api.fromCountry(country).body(event).post("/api/v1/sites/" + siteKey + "/events")
                .then().log().ifValidationFails(LogDetail.ALL).statusCode(201);
        return (String) event.get("eventId");
    }

    static String act(String siteKey, String country, String type, UUID visitor) {
        return act(siteKey, country, type, visitor, null);
    }

    /** The visitor's rows in consent_decision that match {@code where} (on alias d). */
    static long decisionRows(DataSource dataSource, String siteKey, UUID visitor, String where, Object... params) {
        Object[] all = new Object[params.length + 2];
        all[0] = siteKey;
        all[1] = visitor;
        System.arraycopy(params, 0, all, 2, params.length);
        return Rows.count(dataSource, "select count(*) from consent_decision d join site s on s.id = d.site_id "
                + "where s.site_key = ? and d.visitor_id = ? and " + where, all);
    }
}
