package org.consentledger.banner;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.consentledger.support.BannerSites.awaitEvents;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;

import org.consentledger.support.Browser;
import org.consentledger.support.Tokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * One person on two devices, each a Chromium of its own (its own profile, so its own cookie and
 * storage): once the site's backend links both visitor ids to the person's account, a choice made
 * on either is what the other's banner honours, and what the decisions API answers.
 */
@QuarkusTest
class PersonAcrossDevicesBrowserTest extends BrowserTestBase {

    private static final String RECORD_DECISIONS = "window.decisions = [];"
            + "window.addEventListener('consentledger:decision', e => window.decisions.push(e.detail));";
    private static final Map<String, String> ONLY_NECESSARY = Map.of("necessary", "GRANTED", "functional", "DENIED",
            "analytics", "DENIED", "marketing", "DENIED");
    private static final Map<String, String> ALL_GRANTED = Map.of("necessary", "GRANTED", "functional", "GRANTED",
            "analytics", "GRANTED", "marketing", "GRANTED");

    @Test
    void aChoiceOnOneDeviceIsHonouredOnTheOtherOnceLinkedAndAChangeThereReachesTheFirst() {
        try (Browser laptop = Browser.from("DE"); Browser phone = Browser.from("DE")) {
            laptop.beforeEveryPage(RECORD_DECISIONS);
            phone.beforeEveryPage(RECORD_DECISIONS);
            laptop.load(site.page("index.html")).press("reject");
            laptop.awaitDelivered();
            String rejection = (String) awaitEvents(site.siteKey(), "REJECT_ALL", 1).get(0).get("eventId");
            assertThat(decision(laptop)).containsEntry("eventId", rejection).containsEntry("decided", true);
            assertThat(phone.load(site.page("index.html")).bannerShown()).as("the phone asks before sign-in").isTrue();
            assertThat(decision(phone)).containsEntry("decided", false);

            // The person signs in on both; the site's backend links the visitor ids it reads from the cookies.
            link(laptop, "alice");
            link(phone, "alice");
            phone.load(site.page("article.html"));

            assertThat(phone.bannerShown()).as("the phone does not ask again").isFalse();
            assertThat(decision(phone)).containsEntry("decided", true).containsEntry("eventId", rejection)
                    .containsEntry("categories", ONLY_NECESSARY).containsEntry("regime", "EEA")
                    .containsEntry("basis", "EXPLICIT").containsEntry("current", true);
            assertThat(phone.script("return window.decisions.map(d => d.eventId)")).isEqualTo(List.of(rejection));
            assertThat(phone.script("return ConsentLedger.granted()")).isEqualTo(List.of("necessary"));

            phone.script("ConsentLedger.open()");
            phone.press("accept");
            phone.awaitDelivered();
            String acceptance = (String) awaitEvents(site.siteKey(), "ACCEPT_ALL", 1).get(0).get("eventId");
            // Headless, the page is always visible: the laptop's tab is told it became visible again.
            laptop.script("window.decisions = []; document.dispatchEvent(new Event('visibilitychange'))");

            laptop.waitFor().until(d -> laptop.script("return window.decisions.map(e => e.eventId)").equals(List.of(acceptance)));
            assertThat(decision(laptop)).containsEntry("categories", ALL_GRANTED).containsEntry("eventId", acceptance);

            phone.script("ConsentLedger.open()");
            phone.press("withdraw");
            phone.awaitDelivered();
            String withdrawal = (String) awaitEvents(site.siteKey(), "WITHDRAWN", 1).get(0).get("eventId");
            laptop.load(site.page("article.html"));

            assertThat(laptop.bannerShown()).isFalse();
            assertThat(laptop.script("return window.decisions.map(e => e.eventId)")).isEqualTo(List.of(withdrawal));
            assertThat(decision(laptop)).containsEntry("eventId", withdrawal).containsEntry("categories", ONLY_NECESSARY);
            service().queryParam("userId", "alice").get("/api/v1/sites/" + site.siteKey() + "/decisions").then()
                    .statusCode(200).body("eventId", equalTo(withdrawal)).body("categories", equalTo(ONLY_NECESSARY));
            service().queryParam("visitorId", laptop.script("return ConsentLedger.visitorId"))
                    .get("/api/v1/sites/" + site.siteKey() + "/decisions").then().statusCode(200)
                    .body("eventId", equalTo(withdrawal));
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> decision(Browser device) {
        return (Map<String, Object>) device.script("return ConsentLedger.decision()");
    }

    private void link(Browser device, String userId) {
        service().body(Map.of("visitorId", device.script("return ConsentLedger.visitorId"), "userId", userId))
                .post("/api/v1/sites/" + site.siteKey() + "/identities").then().statusCode(201);
    }

    private RequestSpecification service() {
        return given().auth().oauth2(Tokens.withGroups("service:" + site.siteKey())).contentType(ContentType.JSON);
    }
}
