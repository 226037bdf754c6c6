package org.consentledger;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.consentledger.support.Api.asAdmin;
import static org.consentledger.support.Api.asAuditor;
import static org.consentledger.support.Api.fromCountry;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.consentledger.support.Api;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** The README's walk-through, end to end: admin publishes, visitors act, an auditor proves it. */
@Tag("database")
@QuarkusTest
class ConsentJourneyTest {

    @Test
    void anAdminPublishesVisitorsRespondAndAnAuditorCanProveWhatHappened() {
        // An admin creates the site and publishes a privacy policy and terms of use.
        String siteKey = Api.freshSiteKey();
        asAdmin().body(Map.of("siteKey", siteKey, "name", "News site", "origins", List.of("https://news.example.com")))
                .post("/api/v1/admin/sites").then().statusCode(201);
        String privacy = Api.publish(siteKey, "PRIVACY_POLICY", "2026-11", true);
        String terms = Api.publish(siteKey, "TERMS_OF_USE", "2026-11", true);

        // A visitor in Germany is asked explicitly and sees the EEA addendum; one in the US is told.
        String notice = "/api/v1/sites/" + siteKey + "/notice";
        fromCountry("DE").get(notice).then().statusCode(200)
                .body("mode", equalTo("EXPLICIT")).body("jurisdiction.eea", equalTo(true))
                .body("documents.id", containsInAnyOrder(privacy, terms))
                .body("documents[0]", hasKey("eeaAddendum"));
        fromCountry("US").get(notice).then().statusCode(200)
                .body("mode", equalTo("IMPLIED")).body("documents[0]", not(hasKey("eeaAddendum")));

        // Closing the banner or browsing on consents in the US, as the banner says...
        UUID american = UUID.randomUUID();
        post(siteKey, "US", "BANNER_CLOSED", american).body("outcome.basis", equalTo("IMPLIED"))
                .body("outcome.categories.analytics", equalTo("GRANTED"))
                .body("outcome.acknowledged", containsInAnyOrder(privacy, terms));
        post(siteKey, "US", "BROWSING_CONTINUED", american).body("outcome.categories.marketing", equalTo("GRANTED"));

        // ...but in Germany closing only acknowledges; Accept consents; withdrawal takes it back.
        UUID german = UUID.randomUUID();
        post(siteKey, "DE", "BANNER_CLOSED", german).body("outcome.categories.analytics", equalTo("DENIED"))
                .body("outcome.categories.necessary", equalTo("GRANTED"));
        post(siteKey, "DE", "ACCEPT_ALL", german).body("outcome.basis", equalTo("EXPLICIT"))
                .body("outcome.categories.marketing", equalTo("GRANTED"));
        String consent = "/api/v1/sites/" + siteKey + "/visitors/" + german + "/consent";
        given().get(consent).then().statusCode(200).body("reconsentRequired", equalTo(false))
                .body("outcome.categories.analytics", equalTo("GRANTED"));
        post(siteKey, "DE", "WITHDRAWN", german).body("outcome.categories.analytics", equalTo("DENIED"));
        given().get(consent).then().body("outcome.categories.marketing", equalTo("DENIED"));

        // A material new privacy policy makes both visitors accept again.
        Api.publish(siteKey, "PRIVACY_POLICY", "2026-12", true);
        given().get(consent).then().body("reconsentRequired", equalTo(true));
        given().get("/api/v1/sites/" + siteKey + "/visitors/" + american + "/consent").then()
                .body("reconsentRequired", equalTo(true));

        // The auditor pages through all six events, exports them, reads one history and the summary.
        List<String> types = new ArrayList<>();
        String cursor = null;
        do {
            var request = asAuditor().queryParam("limit", 4);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get("/api/v1/audit/sites/" + siteKey + "/events").then().statusCode(200)
                    .extract().jsonPath();
            types.addAll(page.getList("items.type"));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        assertThat(types).containsExactly("BANNER_CLOSED", "BROWSING_CONTINUED", "BANNER_CLOSED", "ACCEPT_ALL",
                "WITHDRAWN");

        String csv = asAuditor().queryParam("format", "csv").get("/api/v1/audit/sites/" + siteKey + "/events/export")
                .then().statusCode(200).extract().asString();
        assertThat(csv.split("\r\n")).hasSize(1 + 5);
        assertThat(csv).startsWith("event_id,site_key,visitor_id,type,");

        asAuditor().get("/api/v1/audit/sites/" + siteKey + "/visitors/" + german + "/history").then().statusCode(200)
                .body("events.type", contains("BANNER_CLOSED", "ACCEPT_ALL", "WITHDRAWN"))
                .body("events[1].documents.kind", containsInAnyOrder("PRIVACY_POLICY", "TERMS_OF_USE"));

        asAuditor().get("/api/v1/audit/sites/" + siteKey + "/summary").then().statusCode(200)
                .body("total", equalTo(5))
                .body("byJurisdiction.eea", equalTo(3)).body("byJurisdiction.nonEea", equalTo(2))
                .body("byType.ACCEPT_ALL", equalTo(1))
                .body("visitorsWithDecision", equalTo(2))
                .body("categoryGrants.analytics.granted", equalTo(1))
                .body("categoryGrants.analytics.share", equalTo(0.5f));
    }

    private static io.restassured.response.ValidatableResponse post(String siteKey, String country, String type,
            UUID visitor) {
        Map<String, Object> event = new HashMap<>(Api.event(type, visitor));
        event.put("pageUrl", "https://news.example.com/world?utm_source=mail#top");
        event.put("language", "de-DE");
        return fromCountry(country).body(event).post("/api/v1/sites/" + siteKey + "/events").then().statusCode(201)
                .body("jurisdiction.country", equalTo(country)).body("receivedAt", not(nullValue()));
    }
}
