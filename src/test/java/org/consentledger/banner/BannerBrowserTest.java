package org.consentledger.banner;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.consentledger.support.BannerSites.awaitEvents;
import static org.consentledger.support.BannerSites.events;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;

import org.assertj.core.api.InstanceOfAssertFactories;
import org.consentledger.support.BannerSites;
import org.consentledger.support.Browser;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import io.quarkus.test.junit.QuarkusTest;

/** The banner's main paths in a real browser, checked on the page and in the ledger's records. */
@QuarkusTest
class BannerBrowserTest extends BrowserTestBase {

    @Test
    void aFirstVisitFromTheUnitedStatesShowsTheNoticeAndClosingRecordsTheVersionsShown() {
        try (Browser browser = Browser.from("US").load(site.page("index.html"))) {
            assertThat(browser.banner().findElement(By.cssSelector("section")).getAttribute("data-mode")).isEqualTo("IMPLIED");
            List<WebElement> links = browser.banner().findElements(By.cssSelector("li a"));
            assertThat(links).extracting(WebElement::getText).containsExactly("Privacy Policy", "Terms of Use");
            assertThat(links.get(0).getAttribute("href")).isEqualTo(site.origin() + "/demo/privacy.html#privacy");
            assertThat(browser.banner().findElement(By.cssSelector("section")).getText()).doesNotContain("GDPR");
            assertThat(browser.buttonLabels()).containsExactly("Manage choices");
            browser.awaitDelivered();
            assertThat(awaitEvents(site.siteKey(), "NOTICE_SHOWN", 1)).hasSize(1);
            browser.screenshot("banner-outside-eea");

            browser.press("close");

            assertThat(browser.bannerShown()).isFalse();
            Map<String, Object> closed = awaitEvents(site.siteKey(), "BANNER_CLOSED", 1).get(0);
            assertThat(closed.get("documentVersionIds")).asInstanceOf(InstanceOfAssertFactories.list(String.class))
                    .containsExactlyInAnyOrderElementsOf(site.documentIds());
            assertThat(closed).extracting("jurisdiction.country", "outcome.basis", "outcome.categories.analytics")
                    .containsExactly("US", "IMPLIED", "GRANTED");
            assertThat(browser.load(site.page("article.html")).bannerShown()).isFalse();
            browser.awaitDelivered();
            assertThat(events(site.siteKey(), "NOTICE_SHOWN")).hasSize(1);
        }
    }

    @Test
    void navigatingWhileTheNoticeIsShownRecordsBrowsingContinuedExactlyOnce() {
        try (Browser browser = Browser.from("US").load(site.page("index.html"))) {
            browser.banner();

            assertThat(browser.load(site.page("article.html")).bannerShown()).isFalse();
            assertThat(browser.follow("to-privacy").bannerShown()).isFalse();
            browser.follow("to-article");

            browser.awaitDelivered();
            assertThat(awaitEvents(site.siteKey(), "BROWSING_CONTINUED", 1)).singleElement()
                    .extracting("pageUrl", "outcome.basis").containsExactly(site.origin() + "/demo/article.html", "IMPLIED");
            assertThat(events(site.siteKey(), "NOTICE_SHOWN")).hasSize(1);
        }
    }

    @Test
    void usingThePageBeyondTheNoticeRecordsBrowsingContinued() {
        try (Browser browser = Browser.from("US").load(site.page("index.html"))) {
            browser.banner();

            browser.driver().findElement(By.id("page-button")).click();

            assertThat(browser.bannerShown()).isFalse();
            browser.awaitDelivered();
            assertThat(awaitEvents(site.siteKey(), "BROWSING_CONTINUED", 1)).hasSize(1);
            browser.driver().findElement(By.id("page-button")).click();
            assertThat(browser.load(site.page("index.html")).bannerShown()).isFalse();
            browser.awaitDelivered();
            assertThat(events(site.siteKey(), "BROWSING_CONTINUED")).hasSize(1);
        }
    }

    @Test
    void aVisitorFromGermanyGetsExplicitChoicesAndGatedAnalyticsRunsOnlyAfterAccept() {
        try (Browser browser = Browser.from("DE").load(site.page("index.html"))) {
            assertThat(browser.banner().findElement(By.cssSelector("section")).getAttribute("data-mode")).isEqualTo("EXPLICIT");
            assertThat(browser.buttonLabels()).containsExactly("Reject all", "Choose", "Accept all");
            assertThat(browser.banner().findElement(By.cssSelector("section")).getText())
                    .contains("Under the GDPR you may withdraw consent at any time; the Privacy Policy explains your rights.");
            assertThat(browser.script("return window.demoAnalyticsRuns")).isNull();
            assertThat(text(browser, "granted")).isEqualTo("necessary");
            browser.screenshot("banner-eea");

            browser.press("choose");
            List<WebElement> boxes = browser.banner().findElements(By.cssSelector("input[type=checkbox]"));
            assertThat(boxes).extracting(box -> box.getAttribute("name"))
                    .containsExactly("necessary", "functional", "analytics", "marketing");
            assertThat(boxes).extracting(WebElement::isSelected).containsExactly(true, false, false, false);
            assertThat(boxes.get(0).isEnabled()).isFalse();
            browser.screenshot("banner-preferences");

            browser.press("accept");

            browser.waitFor().until(d -> "Analytics is running.".equals(text(browser, "analytics-status")));
            assertThat(browser.script("return window.demoAnalyticsRuns")).isEqualTo(1L);
            browser.awaitDelivered();
            assertThat(awaitEvents(site.siteKey(), "ACCEPT_ALL", 1)).singleElement()
                    .extracting("jurisdiction.country", "outcome.basis", "outcome.categories.analytics")
                    .containsExactly("DE", "EXPLICIT", "GRANTED");
            assertThat(browser.script("return dataLayer.filter(function (a) { return a[1] === 'update'; }).pop()[2]"))
                    .isEqualTo(Map.of("ad_storage", "granted", "analytics_storage", "granted",
                            "ad_user_data", "granted", "ad_personalization", "granted"));
        }
    }

    @Test
    void afterAnAdminPublishesAMaterialVersionTheBannerReturnsOnTheNextPageLoad() {
        try (Browser browser = Browser.from("US").load(site.page("index.html"))) {
            browser.press("close");
            awaitEvents(site.siteKey(), "BANNER_CLOSED", 1);
            assertThat(browser.load(site.page("index.html")).bannerShown()).isFalse();

            BannerSites.publish(site.siteKey(), "PRIVACY_POLICY", "Privacy Policy", "2026-02", site.origin() + "/demo/privacy.html");

            browser.load(site.page("index.html"));
            assertThat(browser.banner().findElement(By.cssSelector("li")).getText()).isEqualTo("Privacy Policy (2026-02)");
            browser.awaitDelivered();
            assertThat(awaitEvents(site.siteKey(), "NOTICE_SHOWN", 2)).hasSize(2);
        }
    }

    @Test
    void withdrawingRecordsWithdrawnAndDeniesEveryOptionalCategory() {
        try (Browser browser = Browser.from("DE").load(site.page("index.html"))) {
            browser.press("accept");
            browser.waitFor().until(d -> "Analytics is running.".equals(text(browser, "analytics-status")));

            browser.driver().findElement(By.id("cookie-settings")).click();
            assertThat(browser.buttonLabels()).containsExactly("Withdraw consent", "Save choices", "Accept all");
            assertThat(browser.banner().findElement(By.cssSelector("input[name=analytics]")).isSelected()).isTrue();
            browser.press("withdraw");

            assertThat(browser.banner().findElement(By.cssSelector("[role=status]")).getText())
                    .isEqualTo("Your consent is withdrawn. From now on only necessary cookies are used.");
            browser.press("close");
            assertThat(browser.bannerShown()).isFalse();
            browser.awaitDelivered();
            assertThat(awaitEvents(site.siteKey(), "WITHDRAWN", 1)).singleElement()
                    .extracting("outcome.categories.analytics", "outcome.categories.marketing")
                    .containsExactly("DENIED", "DENIED");
            browser.waitFor().until(d -> "necessary".equals(text(browser, "granted")));
            assertThat(text(browser, "analytics-status")).as("on the page where consent was withdrawn").isEqualTo("Analytics is off.");
            given().get("/api/v1/sites/" + site.siteKey() + "/visitors/" + browser.script("return ConsentLedger.visitorId")
                    + "/consent").then().statusCode(200)
                    .body("outcome.basis", equalTo("EXPLICIT"))
                    .body("outcome.categories.analytics", equalTo("DENIED"));
            browser.load(site.page("article.html"));
            assertThat(browser.bannerShown()).isFalse();
            assertThat(text(browser, "analytics-status")).isEqualTo("Analytics is off.");
        }
    }

    @Test
    void reopenedOutsideTheEeaItTellsTheTruthAndWithdrawingIsNotRejecting() {
        try (Browser browser = Browser.from("US").load(site.page("index.html"))) {
            browser.press("close");
            browser.waitFor().until(d -> "Analytics is running.".equals(text(browser, "analytics-status")));

            browser.driver().findElement(By.id("cookie-settings")).click();

            WebElement dialog = browser.banner().findElement(By.cssSelector("section"));
            assertThat(dialog.getText()).contains("By using this site you accept the documents below.")
                    .doesNotContain("Nothing optional is used");
            assertThat(browser.buttonLabels()).containsExactly("Withdraw consent", "Save choices", "Accept all");
            assertThat(browser.banner().findElement(By.cssSelector("input[name=analytics]")).isSelected()).isTrue();
            WebElement withdraw = browser.banner().findElement(By.cssSelector("[data-action=withdraw]"));
            WebElement save = browser.banner().findElement(By.cssSelector("[data-action=save]"));
            assertThat(withdraw.getCssValue("background-color")).isNotEqualTo(save.getCssValue("background-color"));
            browser.screenshot("banner-reopened-outside-eea");

            browser.press("withdraw");

            assertThat(browser.banner().findElement(By.cssSelector("[role=status]")).getText()).contains("withdrawn");
            browser.awaitDelivered();
            assertThat(awaitEvents(site.siteKey(), "WITHDRAWN", 1)).singleElement()
                    .extracting("outcome.basis", "outcome.categories.analytics").containsExactly("EXPLICIT", "DENIED");
            assertThat(events(site.siteKey(), "REJECT_ALL")).isEmpty();
            browser.waitFor().until(d -> "necessary".equals(text(browser, "granted")));
        }
    }

    @Test
    void anEventSurvivesAnImmediateNavigationAway() {
        try (Browser browser = Browser.from("DE").load(site.page("index.html"))) {
            browser.press("accept");
            browser.driver().get("about:blank");

            // Only the keepalive POST can deliver it: no page of the site is open to send it again.
            assertThat(awaitEvents(site.siteKey(), "ACCEPT_ALL", 1)).hasSize(1);
            // Back on the site, the banner may send it again from its outbox, but it is recorded once.
            assertThat(browser.load(site.page("article.html")).bannerShown()).isFalse();
            browser.awaitDelivered();
            assertThat(events(site.siteKey(), "ACCEPT_ALL")).hasSize(1);
        }
    }

    private static String text(Browser browser, String id) {
        browser.waitFor().until(ExpectedConditions.presenceOfElementLocated(By.id(id)));
        return browser.driver().findElement(By.id(id)).getText();
    }
}
