package org.consentledger.banner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.consentledger.support.Api.asAuditor;
import static org.consentledger.support.BannerSites.awaitEvents;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.consentledger.support.Browser;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Visitors from five places, each meeting the banner their regime asks for, against the real
 * server: what the page shows, and what is recorded (regime, rules version, language, and the
 * noticeId of a rendering the server kept).
 */
@QuarkusTest
class BannerRegimesBrowserTest extends BrowserTestBase {

    private static final String GPC_ON =
            "Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true });";

    @Test
    void aVisitorFromCaliforniaGetsANoticeWithADoNotSellLinkAndOptsOut() {
        try (Browser browser = Browser.fromRegion("US", "US-CA")) {
            browser.load(site.page("index.html"));
            assertThat(mode(browser)).isEqualTo("OPT_OUT");
            assertThat(browser.banner().findElement(By.cssSelector("a[data-action=optout]")).getText())
                    .isEqualTo("Do Not Sell or Share My Personal Information");
            browser.screenshot("banner-opt-out");

            browser.banner().findElement(By.cssSelector("a[data-action=optout]")).click();
            assertThat(browser.banner().findElement(By.cssSelector("[role=status]")).getText())
                    .isEqualTo("You opted out of the sale or sharing of your personal information.");
            browser.awaitDelivered();

            Map<String, Object> optedOut = awaitEvents(site.siteKey(), "OPTED_OUT", 1).get(0);
            assertRecorded(browser, optedOut, "US-OPT-OUT", "en");
            assertThat(optedOut).extracting("jurisdiction.region").isEqualTo("US-CA");
            assertThat(optedOut).extracting("outcome.categories.marketing", "outcome.optOut")
                    .containsExactly("DENIED", "VISITOR");
        }
    }

    @Test
    void inCaliforniaAGlobalPrivacyControlSignalIsRecordedAsAnOptOut() {
        try (Browser browser = Browser.fromRegion("US", "US-CA")) {
            browser.beforeEveryPage(GPC_ON);
            browser.load(site.page("index.html"));
            browser.awaitDelivered();

            Map<String, Object> optedOut = awaitEvents(site.siteKey(), "OPTED_OUT", 1).get(0);
            assertRecorded(browser, optedOut, "US-OPT-OUT", "en");
            assertThat(optedOut).extracting("gpc", "outcome.categories.marketing", "outcome.optOut")
                    .containsExactly(true, "DENIED", "GPC");
        }
    }

    @Test
    void aVisitorFromGermanyReadingGermanIsAskedInGermanAndHerChoiceIsRecordedWithIt() {
        try (Browser browser = Browser.from("DE")) {
            browser.load(site.page("index.html") + "&lang=de");
            assertThat(mode(browser)).isEqualTo("EXPLICIT");
            assertThat(browser.banner().findElement(By.cssSelector("h2")).getText()).isEqualTo("Datenschutz und Cookies");
            assertThat(browser.buttonLabels()).contains("Alle ablehnen", "Alle akzeptieren");
            browser.screenshot("banner-eea-german");

            browser.press("accept");
            browser.awaitDelivered();

            Map<String, Object> accepted = awaitEvents(site.siteKey(), "ACCEPT_ALL", 1).get(0);
            assertRecorded(browser, accepted, "EEA", "de");
            asAuditor().get("/api/v1/audit/sites/" + site.siteKey() + "/notices/" + accepted.get("noticeId"))
                    .then().statusCode(200).body("rendering.language", equalTo("de"))
                    .body("rendering.texts.heading", equalTo("Datenschutz und Cookies"));
        }
    }

    @Test
    void aVisitorFromTheUnitedKingdomIsAskedExplicitlyAndRejects() {
        try (Browser browser = Browser.from("GB")) {
            browser.load(site.page("index.html"));
            assertThat(mode(browser)).isEqualTo("EXPLICIT");
            browser.press("reject");
            browser.awaitDelivered();

            Map<String, Object> rejected = awaitEvents(site.siteKey(), "REJECT_ALL", 1).get(0);
            assertRecorded(browser, rejected, "UK", "en");
            assertThat(rejected).extracting("outcome.categories.analytics").isEqualTo("DENIED");
        }
    }

    @Test
    void aVisitorFromBrazilWhoClosesTheBannerOnlyAcknowledgesIt() {
        try (Browser browser = Browser.from("BR")) {
            browser.load(site.page("index.html"));
            assertThat(mode(browser)).isEqualTo("EXPLICIT");
            browser.press("close");
            browser.awaitDelivered();

            Map<String, Object> closed = awaitEvents(site.siteKey(), "BANNER_CLOSED", 1).get(0);
            assertRecorded(browser, closed, "BR", "en");
            assertThat(closed).extracting("outcome.basis", "outcome.categories.analytics")
                    .containsExactly("IMPLIED", "DENIED");
        }
    }

    @Test
    void aVisitorFromJapanIsShownANoticeAndClosingItAccepts() {
        try (Browser browser = Browser.from("JP")) {
            browser.load(site.page("index.html"));
            assertThat(mode(browser)).isEqualTo("IMPLIED");
            browser.screenshot("banner-notice-japan");
            browser.press("close");
            browser.awaitDelivered();

            Map<String, Object> closed = awaitEvents(site.siteKey(), "BANNER_CLOSED", 1).get(0);
            assertRecorded(browser, closed, "NOTICE", "en");
            assertThat(closed).extracting("outcome.basis", "outcome.categories.analytics")
                    .containsExactly("IMPLIED", "GRANTED");
        }
    }

    /** The event names the regime, the seeded rules version, the language shown and the notice the page got. */
    private static int currentRulesVersion() {
        return asAuditor().get("/api/v1/admin/jurisdiction-rules").then().statusCode(200).extract().path("version");
    }

    private void assertRecorded(Browser browser, Map<String, Object> event, String regime, String language) {
        Object noticeId = browser.script("return JSON.parse(localStorage.getItem(Object.keys(localStorage)"
                + ".find(k => /^consentledger:[^:]+$/.test(k)))).noticeId");
        assertThat(event).extracting("jurisdiction.regime", "jurisdiction.rulesVersion", "language", "noticeId")
                .containsExactly(regime, currentRulesVersion(), language, noticeId);
        asAuditor().get("/api/v1/audit/sites/" + site.siteKey() + "/notices/" + noticeId).then().statusCode(200)
                .body("rendering.regime", equalTo(regime));
    }

    private static String mode(Browser browser) {
        return browser.banner().findElement(By.cssSelector("section")).getAttribute("data-mode");
    }
}
