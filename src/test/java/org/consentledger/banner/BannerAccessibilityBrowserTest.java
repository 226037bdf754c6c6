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
    private static final String FOCUSED_TAG =
            "return document.querySelector('consent-ledger-banner').shadowRoot.activeElement.tagName";
    /** The banner's buttons and links that are hidden, cut off or covered: none may be. */
    private static final String UNREACHABLE = "const root = document.querySelector('consent-ledger-banner').shadowRoot;"
            + " return [...root.querySelectorAll('button, a, input:not([disabled])')].filter(e => {"
            + "  const r = e.getBoundingClientRect(), x = r.left + r.width / 2, y = r.top + r.height / 2;"
            + "  return r.width === 0 || r.top < 0 || r.left < 0 || r.bottom > innerHeight || r.right > innerWidth"
            + "   || !e.contains(root.elementFromPoint(x, y)); }).map(e => e.dataset.action || e.name || e.textContent);";

    @Test
    void theBannerIsALabelledDialogOperatedByKeyboardInTheOrderItReads() {
        try (Browser browser = Browser.from("DE").load(site.page("index.html"))) {
            WebElement dialog = browser.banner().findElement(By.cssSelector("section"));
            assertThat(dialog.getAttribute("role")).isEqualTo("dialog");
            assertThat(browser.banner().findElement(By.id(dialog.getAttribute("aria-labelledby"))).getText())
                    .isEqualTo("Privacy and cookies");
            assertThat(browser.script(FOCUSED_TAG)).as("the dialog has focus, no button looks chosen").isEqualTo("SECTION");
            assertThat(browser.script("return getComputedStyle(document.querySelector('consent-ledger-banner')"
                    + ".shadowRoot.activeElement).outlineStyle")).isEqualTo("none");
            Actions keyboard = new Actions(browser.driver());

            keyboard.sendKeys(Keys.TAB, Keys.TAB).perform();
            assertThat(browser.script("return document.querySelector('consent-ledger-banner').shadowRoot.activeElement.textContent"))
                    .isEqualTo("Terms of Use");
            keyboard.sendKeys(Keys.TAB).perform();
            assertThat(browser.script(FOCUSED_ACTION)).isEqualTo("reject");
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
    void theFirstLayerCoversLessThanHalfOfA375By667Screen() {
        for (String country : List.of("DE", "US")) {
            try (Browser browser = Browser.from(country).screen(375, 667)) {
                browser.load(site.page("index.html"));
                browser.banner();

                Number covered = (Number) browser.script("const r = document.querySelector('consent-ledger-banner')"
                        + ".shadowRoot.querySelector('section').getBoundingClientRect();"
                        + " return Math.max(0, Math.min(r.bottom, innerHeight) - Math.max(r.top, 0)) * r.width"
                        + " / (innerWidth * innerHeight);");
                assertThat(covered.doubleValue()).as("share of the screen covered in " + country).isLessThan(0.5);
                assertThat(browser.script(UNREACHABLE)).as(country).isEqualTo(List.of());
                browser.screenshot("banner-375px-" + country);
            }
        }
    }

    @Test
    void atThreeHundredTwentyPixelsEveryChoiceIsReachableWithoutScrollingThePage() {
        try (Browser browser = Browser.from("DE").screen(320, 568)) {
            browser.load(site.page("index.html"));
            browser.banner();
            assertThat(browser.script(UNREACHABLE)).isEqualTo(List.of());
            assertThat(browser.script("return document.documentElement.scrollWidth")).isEqualTo(320L);
            browser.screenshot("banner-320px");

            browser.press("choose");

            assertThat(browser.buttonLabels()).containsExactly("Reject all", "Save choices", "Accept all");
            assertThat(browser.script(UNREACHABLE)).isEqualTo(List.of());
            browser.screenshot("banner-320px-choose");
        }
    }

    @Test
    void theChoosePanelHasOneActionRowWithAcceptAllInViewAt375Pixels() {
        try (Browser browser = Browser.from("DE").screen(375, 667)) {
            browser.load(site.page("index.html"));
            browser.press("choose");

            assertThat(browser.banner().findElements(By.cssSelector(".r"))).hasSize(1);
            assertThat(browser.buttonLabels()).containsExactly("Reject all", "Save choices", "Accept all");
            assertThat(browser.script(UNREACHABLE)).isEqualTo(List.of());
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
