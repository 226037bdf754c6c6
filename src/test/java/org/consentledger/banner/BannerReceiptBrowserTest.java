package org.consentledger.banner;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;

import org.consentledger.support.Browser;
import org.consentledger.support.Ledger;
import org.consentledger.support.OfflineVerifier;
import org.consentledger.verify.Json;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

import io.quarkus.test.junit.QuarkusTest;

/** The visitor keeps the receipt of their latest decision, and it holds up before the offline verifier. */
@QuarkusTest
class BannerReceiptBrowserTest extends BrowserTestBase {

    private static final String DATA_URL = "data:application/json;charset=utf-8,";

    @Test
    void theReceiptDownloadedFromTheReopenedBannerIsAcceptedByTheVerifier() {
        try (Browser browser = Browser.from("DE").load(site.page("index.html"))) {
            browser.banner();
            assertThat(browser.script("return ConsentLedger.receipt()")).as("showing the notice is no decision").isNull();

            long beforeTheChoice = System.currentTimeMillis();
            browser.press("accept");
            browser.awaitDelivered();
            browser.waitFor().until(d -> browser.script("return ConsentLedger.receipt()") != null);
            long afterTheChoice = System.currentTimeMillis();
            browser.load(site.page("article.html"));
            browser.driver().findElement(By.id("cookie-settings")).click();
            WebElement link = browser.banner().findElement(By.cssSelector("a[data-action=receipt]"));
            browser.screenshot("banner-receipt");
            // the two documents, three optional categories and three choices come first
            for (int i = 0; i < 9; i++) {
                new Actions(browser.driver()).sendKeys(Keys.TAB).perform();
            }
            assertThat(browser.script("return document.querySelector('consent-ledger-banner').shadowRoot.activeElement"
                    + ".dataset.action")).as("reached by keyboard after the choices").isEqualTo("receipt");

            assertThat(link.getText()).isEqualTo("Download my consent receipt");
            String href = link.getAttribute("href");
            assertThat(href).startsWith(DATA_URL);
            String saved = URLDecoder.decode(href.substring(DATA_URL.length()), StandardCharsets.UTF_8);
            assertThat(saved).isEqualTo(browser.script("return JSON.stringify(ConsentLedger.receipt(), null, 2)"));
            Map<?, ?> event = (Map<?, ?>) Json.parseObject(saved).get("event");
            assertThat(event.get("type")).isEqualTo("ACCEPT_ALL");
            assertThat(event.get("visitorId")).isEqualTo(browser.script("return ConsentLedger.visitorId"));
            UUID eventId = UUID.fromString((String) event.get("eventId"));
            assertThat(eventId.version()).as("a time-ordered eventId").isEqualTo(7);
            assertThat(eventId.getMostSignificantBits() >>> 16).as("its first 48 bits: when it was made, in ms")
                    .isBetween(beforeTheChoice, afterTheChoice);
            assertThat(UUID.fromString((String) event.get("visitorId")).version()).as("a random visitorId").isEqualTo(4);
            assertThat(link.getAttribute("download")).isEqualTo("consent-receipt-" + event.get("eventId") + ".json");

            Ledger.awaitInclusion(UUID.fromString((String) event.get("eventId")));
            Path receipt = OfflineVerifier.file("consent-receipt", ".json", saved);
            OfflineVerifier.Run run = OfflineVerifier.checkReceipts(Clock.systemUTC(), OfflineVerifier.export(), receipt);

            assertThat(run.exit()).as(run.output()).isZero();
            assertThat(run.output()).contains("receipt " + receipt + ": INCLUDED: The checkpoint of size ")
                    .contains(" holds event " + event.get("eventId") + " exactly as receipted.");
        }
    }

    @Test
    void aLaterDecisionReplacesTheReceiptTheBannerKeeps() {
        try (Browser browser = Browser.from("DE").load(site.page("index.html"))) {
            browser.press("accept");
            browser.waitFor().until(d -> browser.script("return ConsentLedger.receipt()") != null);

            browser.driver().findElement(By.id("cookie-settings")).click();
            browser.press("withdraw");

            browser.waitFor().until(d -> "WITHDRAWN".equals(browser.script("return ConsentLedger.receipt().event.type")));
        }
    }
}
