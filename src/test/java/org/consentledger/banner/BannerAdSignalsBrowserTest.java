package org.consentledger.banner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.consentledger.support.BannerSites.awaitEvents;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.consentledger.support.Api;
import org.consentledger.support.Browser;
import org.consentledger.support.GppJudge;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The signals ad and analytics platforms read, as a page sees them in real Chromium: the IAB GPP
 * API with every string judged by the IAB's own library, Microsoft's UET consent mode and Clarity,
 * and the UK's analytics exemption.
 */
@QuarkusTest
class BannerAdSignalsBrowserTest extends BrowserTestBase {

    /**
     * The IAB's stub, as a site puts it before the banner, and calls made through it before the
     * banner loads: a listener, which must hear the signal once it is ready, and a ping.
     */
    private static String stubAndEarlyCalls() throws Exception {
        // In the page only: a script added to every new document also runs in the stub's own locator frame.
        return "if (window === window.top) {" + Files.readString(Path.of("src/test/node/gpp-judge/gpp-stub.js"))
                + ";window.early = [];"
                + "__gpp('addEventListener', function (e) { window.early.push([e.eventName, e.data, e.pingData.signalStatus]); });"
                + "__gpp('ping', function (p) { window.stubPing = p.cmpStatus; });}";
    }

    private static Map<String, Object> ping(Browser browser) {
        return call(browser, "ping", null);
    }

    @SuppressWarnings("unchecked")
    private static <T> T call(Browser browser, String command, String parameter) {
        return (T) browser.driver().executeAsyncScript("var done = arguments[arguments.length - 1];"
                + "__gpp(arguments[0], function (data, ok) { done(data); }, arguments[1]);", command, parameter);
    }

    /** What the IAB's library reads in the page's GPP string must be exactly what the page's API answers. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> judgedAgreeing(Browser browser) throws Exception {
        Map<String, Object> ping = ping(browser);
        Map<String, Object> judged = GppJudge.decode((String) ping.get("gppString"));
        assertThat(judged).doesNotContainKey("error");
        assertThat(judged.get("canonical")).as("the library encodes those fields as the banner did")
                .isEqualTo(ping.get("gppString"));
        Map<String, Object> usnat = (Map<String, Object>) ((Map<String, Object>) judged.get("sections")).get("usnat");
        Map<String, Object> section = call(browser, "getSection", "usnat");
        usnat.forEach((field, value) -> assertThat(normal(section.get(field))).as("usnat.%s", field).isEqualTo(normal(value)));
        assertThat(section).containsOnlyKeys(usnat.keySet());
        return usnat;
    }

    /** Numbers as longs, whether Selenium or Jackson read them. */
    private static Object normal(Object value) {
        if (value instanceof Number n) {
            return n.longValue();
        }
        return value instanceof List<?> list ? list.stream().map(BannerAdSignalsBrowserTest::normal).toList() : value;
    }

    @Test
    void aCaliforniansPageReadsUsnatBeforeAndAfterDoNotSellAndEveryStringIsTheLibrarysOwn() throws Exception {
        try (Browser browser = Browser.fromRegion("US", "US-CA")) {
            browser.beforeEveryPage(stubAndEarlyCalls());
            browser.load(site.page("index.html"));

            Map<String, Object> ping = ping(browser);
            assertThat(ping).containsEntry("gppVersion", "1.1").containsEntry("cmpStatus", "loaded")
                    .containsEntry("signalStatus", "ready").containsEntry("applicableSections", List.of(7L))
                    .containsEntry("sectionList", List.of(7L));
            assertThat(browser.script("return window.stubPing")).isEqualTo("stub");
            assertThat(browser.script("return window.early")).as("the listener registered through the stub")
                    .isEqualTo(List.of(List.of("listenerRegistered", true, "not ready"),
                            List.of("cmpStatus", "loaded", "not ready"),
                            List.of("signalStatus", "not ready", "not ready"),
                            List.of("sectionChange", "usnat", "not ready"),
                            List.of("signalStatus", "ready", "ready"),
                            List.of("cmpDisplayStatus", "visible", "ready")));
            Map<String, Object> before = judgedAgreeing(browser);
            assertThat(before).containsEntry("SaleOptOut", 2).containsEntry("SharingOptOut", 2)
                    .containsEntry("TargetedAdvertisingOptOut", 2).containsEntry("SaleOptOutNotice", 1)
                    .containsEntry("MspaCoveredTransaction", 2).containsEntry("Gpc", false);
            assertThat((Object) call(browser, "getField", "usnat.SaleOptOut")).isEqualTo(2L);
            assertThat((Object) call(browser, "hasSection", "usca")).isEqualTo(false);

            browser.banner().findElement(By.cssSelector("[data-action='optout']")).click();
            browser.awaitDelivered();

            Map<String, Object> after = judgedAgreeing(browser);
            assertThat(after).containsEntry("SaleOptOut", 1).containsEntry("SharingOptOut", 1)
                    .containsEntry("TargetedAdvertisingOptOut", 1);
            String told = (String) ping(browser).get("gppString");
            browser.waitFor().until(d -> d.findElement(By.id("gpp-status")).getText().equals("GPP sections [7]: " + told));
            browser.press("close"); // the confirmation: nothing more is sent
            browser.screenshot("banner-gpp-california");
            Map<String, Object> optedOut = awaitEvents(site.siteKey(), "OPTED_OUT", 1).get(0);
            assertThat(optedOut.get("gppString")).as("the event carries what ad tech was told")
                    .isEqualTo(ping(browser).get("gppString"));
            assertThat(awaitEvents(site.siteKey(), "NOTICE_SHOWN", 1).get(0).get("gppString"))
                    .isEqualTo(ping.get("gppString"));
        }
    }

    @Test
    void anOptOutMadeOnAnotherDeviceIsWhatAdTechIsToldHereFromTheStart() throws Exception {
        UUID visitor = UUID.randomUUID();
        Api.fromCountry("US").header(Api.REGION_HEADER, "US-CA").body(Api.event("OPTED_OUT", visitor))
                .post("/api/v1/sites/" + site.siteKey() + "/events").then().statusCode(201);
        try (Browser browser = Browser.fromRegion("US", "US-CA")) {
            // This browser has never opted out itself: only the server knows.
            browser.beforeEveryPage("document.cookie = 'consentledger_vid=" + visitor + "; Path=/';");
            browser.load(site.page("index.html"));

            assertThat(ping(browser)).containsEntry("signalStatus", "ready");
            assertThat(judgedAgreeing(browser)).containsEntry("SaleOptOut", 1).containsEntry("SharingOptOut", 1);
        }
    }

    @Test
    void withGpcTheSectionSaysOptedOutAndCarriesTheSignal() throws Exception {
        Api.asAdmin().body(Map.of("name", "GPP " + site.siteKey(), "origins", List.of(site.origin()),
                        "categories", List.of("functional", "analytics", "marketing"),
                        "impliedConsentCategories", List.of("functional", "analytics", "marketing"),
                        "signals", Map.of("gpp", Map.of("mspaCoveredTransaction", true, "mspaMode", "OPT_OUT_OPTION",
                                "stateSections", true))))
                .put("/api/v1/admin/sites/" + site.siteKey()).then().statusCode(200);
        try (Browser browser = Browser.fromRegion("US", "US-CA")) {
            browser.beforeEveryPage("Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true });");
            browser.load(site.page("index.html"));
            browser.awaitDelivered();

            Map<String, Object> usnat = judgedAgreeing(browser);
            assertThat(usnat).containsEntry("Gpc", true).containsEntry("SaleOptOut", 1)
                    .containsEntry("MspaCoveredTransaction", 1).containsEntry("MspaOptOutOptionMode", 1)
                    .containsEntry("MspaServiceProviderMode", 2);
            assertThat(ping(browser)).containsEntry("applicableSections", List.of(7L, 8L));
            Map<String, Object> usca = call(browser, "getSection", "usca");
            assertThat(usca).containsEntry("SaleOptOut", 1L).containsEntry("Gpc", true);
            assertThat(awaitEvents(site.siteKey(), "OPTED_OUT", 1).get(0))
                    .extracting("gppString").isEqualTo(ping(browser).get("gppString"));
        }
    }

    @Test
    void aGermanPageHasNoApplicableSectionAndUetDeniedUntilAcceptAll() {
        try (Browser browser = Browser.from("DE")) {
            browser.beforeEveryPage("window.uetq = []; window.clarityCalls = [];"
                    + "window.clarity = function () { window.clarityCalls.push(Array.prototype.slice.call(arguments)); };");
            browser.load(site.page("index.html"));

            assertThat(ping(browser)).containsEntry("applicableSections", List.of(-1L))
                    .containsEntry("signalStatus", "ready");
            browser.waitFor().until(d -> d.findElement(By.id("gpp-status")).getText().equals("GPP sections [-1]"));
            assertThat(browser.script("return JSON.stringify(window.uetq)"))
                    .isEqualTo("[\"consent\",\"default\",{\"ad_storage\":\"denied\"}]");

            browser.press("accept");
            browser.awaitDelivered();

            browser.waitFor().until(d -> ((String) browser.script("return JSON.stringify(window.uetq)"))
                    .endsWith("\"consent\",\"update\",{\"ad_storage\":\"granted\"}]"));
            assertThat(browser.script("return JSON.stringify(window.clarityCalls[window.clarityCalls.length - 1])"))
                    .isEqualTo("[\"consentv2\",{\"ad_Storage\":\"granted\",\"analytics_Storage\":\"granted\"}]");
            assertThat(awaitEvents(site.siteKey(), "ACCEPT_ALL", 1).get(0)).extracting("gppString").isNull();
        }
    }

    @Test
    void aSiteCanTurnTheMicrosoftSignalsOff() {
        Api.asAdmin().body(Map.of("name", "No UET " + site.siteKey(), "origins", List.of(site.origin()),
                        "categories", List.of("functional", "analytics", "marketing"),
                        "impliedConsentCategories", List.of("functional", "analytics", "marketing"),
                        "signals", Map.of("uet", false, "clarity", false)))
                .put("/api/v1/admin/sites/" + site.siteKey()).then().statusCode(200);
        try (Browser browser = Browser.from("DE")) {
            browser.beforeEveryPage("window.uetq = []; window.clarityCalls = [];"
                    + "window.clarity = function () { window.clarityCalls.push(Array.prototype.slice.call(arguments)); };");
            browser.load(site.page("index.html"));
            browser.press("accept");
            browser.awaitDelivered();

            assertThat(browser.script("return window.uetq.length")).isEqualTo(0L);
            assertThat(browser.script("return window.clarityCalls.filter(c => c[0] === 'consentv2' "
                    + "&& c[1].ad_Storage === 'granted').length")).isEqualTo(0L);
        }
    }

    @Test
    void aUkVisitorOnASiteWithTheExemptionHasAnalyticsObjectsAndIsRecordedAsOptedOut() {
        Api.ukAnalyticsExemptionInTheRules();
        Api.asAdmin().body(Map.of("name", "UK " + site.siteKey(), "origins", List.of(site.origin()),
                        "categories", List.of("functional", "analytics", "marketing"),
                        "impliedConsentCategories", List.of("functional", "analytics", "marketing"),
                        "ukAnalyticsExemption", true))
                .put("/api/v1/admin/sites/" + site.siteKey()).then().statusCode(200);
        try (Browser browser = Browser.from("GB")) {
            browser.load(site.page("index.html"));

            browser.waitFor().until(d -> d.findElement(By.id("analytics-status")).getText().equals("Analytics is running."));
            assertThat(browser.script("return ConsentLedger.granted()")).isEqualTo(List.of("necessary", "analytics"));
            assertThat(browser.banner().findElement(By.cssSelector("section")).getText())
                    .contains("as UK law allows").contains("Reject all");
            browser.screenshot("banner-uk-analytics-exemption");

            browser.banner().findElement(By.cssSelector("[data-action='object']")).click();
            browser.awaitDelivered();

            assertThat(browser.banner().findElement(By.cssSelector("section")).getText())
                    .contains("You objected to analytics cookies.");
            assertThat(awaitEvents(site.siteKey(), "OPTED_OUT", 1)).singleElement()
                    .extracting("outcome.categories.analytics", "jurisdiction.regime")
                    .containsExactly("DENIED", "UK");
            browser.waitFor().until(d -> browser.script("return ConsentLedger.granted()").equals(List.of("necessary")));
            assertThat(browser.load(site.page("article.html")).bannerShown()).isFalse();
            assertThat(browser.driver().findElement(By.id("analytics-status")).getText()).isEqualTo("Analytics is off.");
        }
    }
}
