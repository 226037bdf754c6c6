package org.consentledger.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A headless Chromium from the system's packages, driven through its chromedriver. Nothing is
 * downloaded: both paths are fixed. Each browser has a fresh profile and a trusted country header.
 */
public final class Browser implements AutoCloseable {

    private static final File CHROMIUM = new File("/usr/bin/chromium");
    private static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    /**
     * Warns at every start that Selenium has no DevTools bindings for this Chromium's version. The
     * tests need none: they send CDP commands through chromedriver.
     */
    private static final Logger CDP_VERSION_FINDER = Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder");

    private final ChromeDriver driver;
    private final Path profile;

    private Browser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** Skips the calling test when Chromium or its driver is not installed. */
    public static void assumeInstalled() {
        Assumptions.assumeTrue(CHROMIUM.canExecute() && CHROMEDRIVER.canExecute(),
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
        CDP_VERSION_FINDER.setLevel(Level.SEVERE);
        Path profile = createProfileDir();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
                "--disable-dev-shm-usage", "--window-size=1280,800", "--user-data-dir=" + profile);
        options.addArguments(arguments);
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER)
                .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.executeCdpCommand("Network.enable", Map.of());
        driver.executeCdpCommand("Network.setExtraHTTPHeaders", Map.of("headers", trustedHeaders));
        return new Browser(driver, profile);
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
        return new WebDriverWait(driver, Duration.ofSeconds(10));
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

    @Override
    public void close() {
        driver.quit();
        try (Stream<Path> paths = Files.walk(profile)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temporary profile is harmless
        }
    }

    private static Path createProfileDir() {
        try {
            return Files.createTempDirectory("consent-ledger-chromium");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
