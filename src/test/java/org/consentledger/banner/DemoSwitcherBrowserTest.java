package org.consentledger.banner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.consentledger.support.BannerSites.events;

import java.util.Map;

import org.consentledger.support.Browser;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The demo bar ("pretend to be a visitor from…") in a real browser. The browser sends no country
 * header of its own here: only the demo page's fetch wrapper does, under the names the service
 * put on the page, as a CDN would.
 */
@QuarkusTest
class DemoSwitcherBrowserTest extends BrowserTestBase {

    /** The heading of src/main/resources/banner-texts/de.json. */
    private static final String GERMAN_HEADING = "Datenschutz und Cookies";

    @Test
    void aVisitorFromJapanGetsTheNoticeThenGermanyInGermanGetsTheGermanChoiceAtOnce() {
        try (Browser browser = withoutOwnCountryHeader(Browser.from("JP"))) {
            browser.load(site.page("index.html"));

            pick(browser, "demo-place", "JP");
            assertThat(mode(browser)).isEqualTo("IMPLIED");
            assertThat(text(browser, "demo-answer")).startsWith("The service answered: country JP");
            Object japaneseVisitor = browser.script("return ConsentLedger.visitorId");
            browser.awaitDelivered();

            pick(browser, "demo-place", "DE");
            pick(browser, "demo-lang", "de");

            assertThat(mode(browser)).isEqualTo("EXPLICIT");
            assertThat(browser.banner().findElement(By.cssSelector("h2")).getText()).isEqualTo(GERMAN_HEADING);
            assertThat(browser.buttonLabels()).containsExactly("Alle ablehnen", "Auswählen", "Alle akzeptieren");
            assertThat(browser.banner().findElement(By.cssSelector("section")).getAttribute("lang")).isEqualTo("de");
            assertThat(browser.script("return ConsentLedger.visitorId")).as("a clean first visit").isNotEqualTo(japaneseVisitor);
            assertThat(new Select(browser.driver().findElement(By.id("demo-place"))).getFirstSelectedOption().getText())
                    .isEqualTo("Germany (EEA)");
            assertThat(browser.driver().findElement(By.id("to-article")).getAttribute("href")).endsWith("&lang=de");
            browser.awaitDelivered();
            assertThat(events(site.siteKey(), "NOTICE_SHOWN")).extracting("jurisdiction.country")
                    .as("the events carry the place too").contains("JP", "DE");
            browser.screenshot("demo-1280");

            browser.screen(375, 667).driver().navigate().refresh();
            browser.awaitBanner();
            assertThat(browser.banner().findElement(By.cssSelector("h2")).getText()).isEqualTo(GERMAN_HEADING);
            assertThat(browser.script("return document.documentElement.scrollWidth")).isEqualTo(375L);
            browser.screenshot("demo-375");
        }
    }

    /**
     * Needs the region header and the OPT_OUT regime, which come with the regimes branch: until
     * consent.geo.region-header is configured for tests, it is skipped.
     */
    @Test
    void aVisitorFromCaliforniaGetsTheOptOutLinkThenGermanyInGermanGetsTheGermanChoice() {
        Assumptions.assumeTrue(ConfigProvider.getConfig().getOptionalValue("consent.geo.region-header", String.class).isPresent(),
                "no region header configured for tests: California cannot be told from Texas or Japan");
        try (Browser browser = withoutOwnCountryHeader(Browser.from("US"))) {
            browser.load(site.page("index.html"));

            pick(browser, "demo-place", "US-CA");
            assertThat(mode(browser)).isEqualTo("OPT_OUT");
            assertThat(browser.banner().findElement(By.cssSelector("a[data-action=optout]")).getText())
                    .isEqualTo("Do Not Sell or Share My Personal Information");

            pick(browser, "demo-place", "DE");
            pick(browser, "demo-lang", "de");
            assertThat(mode(browser)).isEqualTo("EXPLICIT");
            assertThat(browser.banner().findElement(By.cssSelector("h2")).getText()).isEqualTo(GERMAN_HEADING);
        }
    }

    /** Only the demo page's headers reach the service: the browser's own test header is dropped. */
    private static Browser withoutOwnCountryHeader(Browser browser) {
        browser.driver().executeCdpCommand("Network.setExtraHTTPHeaders", Map.of("headers", Map.of()));
        return browser;
    }

    /** Chooses in the demo bar, which reloads the page, and waits for the banner of the new page. */
    private static void pick(Browser browser, String selectId, String value) {
        WebElement page = browser.driver().findElement(By.tagName("html"));
        new Select(browser.driver().findElement(By.id(selectId))).selectByValue(value);
        browser.waitFor().until(ExpectedConditions.stalenessOf(page));
        browser.awaitBanner();
    }

    private static String mode(Browser browser) {
        return browser.banner().findElement(By.cssSelector("section")).getAttribute("data-mode");
    }

    private static String text(Browser browser, String id) {
        browser.waitFor().until(d -> !d.findElement(By.id(id)).getText().startsWith("Waiting"));
        return browser.driver().findElement(By.id(id)).getText();
    }
}
