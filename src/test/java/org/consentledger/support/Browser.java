package org.consentledger.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A headless Chromium ({@link Chromium}) as a test drives it: every request carries a trusted
 * country header, and a test gives the browser back by closing it.
 */
public final class Browser implements AutoCloseable {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    /**
     * How often a wait looks again. The pages answer within milliseconds, and a wait ends only at
     * the first look that sees the condition hold: Selenium's default of 500 ms cost half a second
     * on most waits.
     */
    private static final Duration POLLING = Duration.ofMillis(50);

    private final Chromium chromium;
    private final ChromeDriver driver;

    private Browser(Chromium chromium) {
        this.chromium = chromium;
        this.driver = chromium.driver();
    }

    /** Skips the calling test when Chromium or its driver is not installed. */
    public static void assumeInstalled() {
        Assumptions.assumeTrue(Chromium.installed(),
                "Chromium and chromedriver are not installed (apt-get install chromium chromium-driver)");
    }

    /**
     * A browser whose every request carries the given country in the trusted test header, started
     * with any further Chromium arguments (such as {@code --host-resolver-rules=...}).
     */
    public static Browser from(String country, String... arguments) {
        return withHeaders(Map.of(Api.COUNTRY_HEADER, country), arguments);
    }

    /** A browser from a country's subdivision (ISO 3166-2, such as {@code US-CA}), as a CDN tells it. */
    public static Browser fromRegion(String country, String region, String... arguments) {
        return withHeaders(Map.of(Api.COUNTRY_HEADER, country, Api.REGION_HEADER, region), arguments);
    }

    private static Browser withHeaders(Map<String, String> trustedHeaders, String... arguments) {
        assumeInstalled();
        Browser browser = new Browser(Chromium.borrow(arguments));
        browser.driver.executeCdpCommand("Network.enable", Map.of());
        browser.driver.executeCdpCommand("Network.setExtraHTTPHeaders", Map.of("headers", trustedHeaders));
        return browser;
    }

    /** Loads a page and waits until the banner has decided whether to show itself. */
    public Browser load(String url) {
        driver.get(url);
        return awaitBanner();
    }

    /** Clicks a link of the page and waits for the banner on the page it leads to. */
    public Browser follow(String linkId) {
        String before = driver.getCurrentUrl();
        driver.findElement(By.id(linkId)).click();
        waitFor().until(d -> !before.equals(d.getCurrentUrl()));
        return awaitBanner();
    }

    /** Waits until the banner has delivered what it had to and decided whether to show itself. */
    public Browser awaitBanner() {
        waitFor().until(d -> "complete".equals(script("return document.readyState")));
        driver.executeAsyncScript("var done = arguments[arguments.length - 1];"
                + "(function wait() { window.ConsentLedger ? window.ConsentLedger.ready.then(done) : setTimeout(wait, 20); })();");
        return this;
    }

    /**
     * Waits until the banner has delivered every event it sent. It keeps each event in an outbox
     * in the site's localStorage until the service acknowledges it, and the next page of the site
     * sends again whatever an earlier page's keepalive POST left unacknowledged. An empty outbox
     * therefore means every event so far is recorded, and none can arrive later (a late original
     * of a resent event carries the same eventId, which the service records once). Call it on a
     * page of the site, where the banner's storage is readable.
     */
    public Browser awaitDelivered() {
        waitFor().withMessage("the banner's outbox to be empty: every event sent was acknowledged")
                .until(d -> Boolean.TRUE.equals(script("return Object.keys(localStorage)"
                        + ".filter(k => k.startsWith('consentledger:') && k.endsWith(':outbox'))"
                        + ".every(k => JSON.parse(localStorage.getItem(k)).length === 0)")));
        return this;
    }

    /** The banner's shadow root, once it is on the page and has finished sliding in. */
    public SearchContext banner() {
        WebElement host = waitFor().until(d -> d.findElement(By.tagName("consent-ledger-banner")));
        waitFor().until(d -> Boolean.TRUE.equals(script("return arguments[0].shadowRoot.querySelector('section')"
                + ".getAnimations().every(a => a.playState === 'finished')", host)));
        return host.getShadowRoot();
    }

    /** Emulates a phone-sized screen of {@code width} by {@code height} CSS pixels for the pages loaded next. */
    public Browser screen(int width, int height) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", true));
        return this;
    }

    public boolean bannerShown() {
        return !driver.findElements(By.tagName("consent-ledger-banner")).isEmpty();
    }

    /** Clicks one of the banner's buttons by its action: accept, reject, choose, save, withdraw, close. */
    public void press(String action) {
        banner().findElement(By.cssSelector("[data-action='" + action + "']")).click();
    }

    public List<String> buttonLabels() {
        return banner().findElements(By.cssSelector(".r button")).stream().map(WebElement::getText).toList();
    }

    public Object script(String javascript, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(javascript, args);
    }

    /** Evaluates a script before any page script, on every page this browser loads. */
    public void beforeEveryPage(String javascript) {
        driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", javascript));
    }

    /**
     * What the browser's console showed as errors since the last call, such as "Failed to load
     * resource: the server responded with a status of 404" for every request that failed.
     */
    public List<String> consoleErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage).toList();
    }

    public WebDriverWait waitFor() {
        return new WebDriverWait(driver, Duration.ofSeconds(10), POLLING);
    }

    public ChromeDriver driver() {
        return driver;
    }

    /** Saves what the browser shows as target/screenshots/{name}.png, a test artifact. */
    public Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Gives the browser back: see {@link Chromium#giveBack()}. */
    @Override
    public void close() {
        chromium.giveBack();
    }
}
