package org.consentledger.banner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.consentledger.support.BannerSites.awaitEvents;

import java.util.List;

import org.consentledger.support.Browser;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import io.quarkus.test.junit.QuarkusTest;

/** Choices beyond accept-all, and the signals the banner passes on: GPC and the page's change event. */
@QuarkusTest
class BannerSignalsBrowserTest extends BrowserTestBase {

    @Test
    void savingPreferencesGrantsOnlyTheChosenCategories() {
        try (Browser browser = Browser.from("DE").load(site.page("index.html"))) {
            browser.press("choose");
            browser.banner().findElement(By.cssSelector("input[name=analytics]")).click();
            browser.press("save");

            browser.waitFor().until(d -> d.findElement(By.id("analytics-status")).getText().equals("Analytics is running."));
            assertThat(browser.driver().findElement(By.id("granted")).getText()).isEqualTo("analytics, necessary");
            browser.awaitDelivered();
            assertThat(awaitEvents(site.siteKey(), "PREFERENCES_SAVED", 1)).singleElement()
                    .extracting("categories", "outcome.categories.analytics", "outcome.categories.marketing")
                    .containsExactly(List.of("analytics"), "GRANTED", "DENIED");
        }
    }

    @Test
    void closingTheBannerInTheEeaOnlyAcknowledgesTheNotice() {
        try (Browser browser = Browser.from("DE").load(site.page("index.html"))) {
            browser.press("close");

            browser.awaitDelivered();
            assertThat(awaitEvents(site.siteKey(), "BANNER_CLOSED", 1)).singleElement()
                    .extracting("outcome.basis", "outcome.categories.analytics", "outcome.categories.necessary")
                    .containsExactly("IMPLIED", "DENIED", "GRANTED");
            assertThat(browser.load(site.page("article.html")).bannerShown()).isFalse();
            assertThat(browser.driver().findElement(By.id("analytics-status")).getText()).isEqualTo("Analytics is off.");
            assertThat(browser.script("return ConsentLedger.granted()")).isEqualTo(List.of("necessary"));
        }
    }

    @Test
    void globalPrivacyControlIsReportedAndImpliedConsentNeverGrantsMarketing() {
        try (Browser browser = Browser.from("US")) {
            browser.beforeEveryPage("Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true });");
            browser.load(site.page("index.html"));
            assertThat(browser.banner().findElement(By.cssSelector("section")).getText())
                    .contains("Global Privacy Control");

            browser.press("close");

            browser.awaitDelivered();
            assertThat(awaitEvents(site.siteKey(), "BANNER_CLOSED", 1)).singleElement()
                    .extracting("gpc", "outcome.categories.analytics", "outcome.categories.marketing")
                    .containsExactly(true, "GRANTED", "DENIED");
            assertThat(awaitEvents(site.siteKey(), "NOTICE_SHOWN", 1)).singleElement().extracting("gpc").isEqualTo(true);
        }
    }

    @Test
    void thePageHearsEveryChangeOfConsent() {
        try (Browser browser = Browser.from("DE")) {
            browser.beforeEveryPage("window.changes = [];"
                    + "document.addEventListener('consentledger:change', e => window.changes.push(e.detail.granted));");
            browser.load(site.page("index.html"));
            assertThat(browser.script("return window.changes")).isEqualTo(List.of(List.of("necessary")));

            browser.press("reject");

            browser.waitFor().until(d -> ((List<?>) browser.script("return window.changes")).size() == 2);
            browser.awaitDelivered();
            assertThat(awaitEvents(site.siteKey(), "REJECT_ALL", 1)).hasSize(1);
            assertThat(browser.script("return window.changes[1]")).isEqualTo(List.of("necessary"));
            assertThat(browser.script("return window.demoAnalyticsRuns")).isNull();
        }
    }
}
