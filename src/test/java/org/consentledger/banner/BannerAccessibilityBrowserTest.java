package org.consentledger.banner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.consentledger.support.BannerSites.awaitEvents;

import java.util.List;
import java.util.Map;

import org.consentledger.support.Browser;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

import io.quarkus.test.junit.QuarkusTest;

/** The banner as a keyboard, small-screen or low-vision visitor meets it, and on a hostile page. */
@QuarkusTest
class BannerAccessibilityBrowserTest extends BrowserTestBase {

    private static final String FOCUSED_ACTION =
            "return document.querySelector('consent-ledger-banner').shadowRoot.activeElement.dataset.action";

    @Test
    void theBannerIsALabelledDialogOperatedByKeyboardInTheOrderItReads() {
        try (Browser browser = Browser.from("DE").load(site.page("index.html"))) {
            WebElement dialog = browser.banner().findElement(By.cssSelector("section"));
            assertThat(dialog.getAttribute("role")).isEqualTo("dialog");
            assertThat(browser.banner().findElement(By.id(dialog.getAttribute("aria-labelledby"))).getText())
                    .isEqualTo("Privacy and cookies");
            assertThat(browser.script(FOCUSED_ACTION)).isEqualTo("reject");
            Actions keyboard = new Actions(browser.driver());

            keyboard.sendKeys(Keys.TAB).perform();
            assertThat(browser.script(FOCUSED_ACTION)).isEqualTo("choose");
            keyboard.sendKeys(Keys.TAB).perform();
            assertThat(browser.script(FOCUSED_ACTION)).isEqualTo("accept");
            assertThat(browser.script("return getComputedStyle(document.querySelector('consent-ledger-banner')"
                    + ".shadowRoot.activeElement).outlineStyle")).isEqualTo("solid");
            keyboard.sendKeys(Keys.ENTER).perform();

            browser.awaitDelivered();
            assertThat(awaitEvents(site.siteKey(), "ACCEPT_ALL", 1)).hasSize(1);
            assertThat(browser.bannerShown()).isFalse();
        }
    }

    @Test
    void theBannerFitsA320PixelScreenWithEveryButtonReachable() {
        try (Browser browser = Browser.from("DE")) {
            browser.driver().executeCdpCommand("Emulation.setDeviceMetricsOverride",
                    Map.of("width", 320, "height", 640, "deviceScaleFactor", 1, "mobile", true));
            browser.load(site.page("index.html"));

            for (WebElement button : browser.banner().findElements(By.cssSelector("button"))) {
                assertThat(button.isDisplayed()).isTrue();
                assertThat(button.getRect().getX() + button.getRect().getWidth()).isLessThanOrEqualTo(320);
            }
            assertThat(browser.script("return document.documentElement.scrollWidth")).isEqualTo(320L);
            browser.screenshot("banner-320px");
        }
    }

    @Test
    void withReducedMotionTheBannerDoesNotSlideIn() {
        try (Browser browser = Browser.from("DE")) {
            browser.driver().executeCdpCommand("Emulation.setEmulatedMedia",
                    Map.of("features", List.of(Map.of("name", "prefers-reduced-motion", "value", "reduce"))));
            browser.load(site.page("index.html"));

            assertThat(browser.banner().findElement(By.cssSelector("section")).getCssValue("animation-name")).isEqualTo("none");
        }
    }

    @Test
    void textAndButtonsMeetWcagAaContrast() {
        try (Browser browser = Browser.from("DE").load(site.page("index.html"))) {
            WebElement dialog = browser.banner().findElement(By.cssSelector("section"));
            WebElement link = browser.banner().findElement(By.cssSelector("li a"));
            WebElement button = browser.banner().findElement(By.cssSelector("[data-action=accept]"));
            String background = dialog.getCssValue("background-color");

            assertThat(Contrast.ratio(dialog.getCssValue("color"), background)).isGreaterThanOrEqualTo(4.5);
            assertThat(Contrast.ratio(link.getCssValue("color"), background)).isGreaterThanOrEqualTo(4.5);
            assertThat(Contrast.ratio(button.getCssValue("color"), button.getCssValue("background-color")))
                    .isGreaterThanOrEqualTo(4.5);
        }
    }

    @Test
    void hostPageStylesNeitherReachTheBannerNorAreReachedByIt() {
        try (Browser browser = Browser.from("DE")) {
            browser.beforeEveryPage("document.addEventListener('DOMContentLoaded', () => {"
                    + " const hostile = document.createElement('style');"
                    + " hostile.textContent = '* { color: red !important; background: yellow !important; font-size: 40px !important; }"
                    + " consent-ledger-banner, section, button { display: none !important; }';"
                    + " document.head.appendChild(hostile); });");
            browser.load(site.page("index.html"));

            WebElement accept = browser.banner().findElement(By.cssSelector("[data-action=accept]"));
            assertThat(accept.isDisplayed()).isTrue();
            assertThat(accept.getCssValue("background-color")).isEqualTo("rgba(30, 58, 138, 1)");
            assertThat(accept.getCssValue("font-size")).isEqualTo("15px");
            assertThat(browser.script("return getComputedStyle(document.getElementById('page-button')).backgroundColor"))
                    .isEqualTo("rgb(255, 255, 0)");
        }
    }
}
