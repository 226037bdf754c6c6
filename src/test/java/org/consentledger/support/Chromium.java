package org.consentledger.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

import org.openqa.selenium.Dimension;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;

/**
 * One headless Chromium from the system's packages and its chromedriver, with a fresh profile.
 * Nothing is downloaded: both paths are fixed. Starting one costs seconds, so the browser tests
 * share one, from the first that needs it to the end of the test JVM (one per test profile, whose
 * class loader has its own copy of this class): a test borrows it and gives it back clean
 * ({@link #cleanUp()}), so a test class finds it as a new one would be. A test that needs Chromium arguments of its own, or a second
 * browser while it holds the shared one, gets a Chromium of its own, quit when given back.
 */
final class Chromium {

    private static final File BINARY = new File("/usr/bin/chromium");
    private static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");
    private static final Dimension WINDOW = new Dimension(1280, 800);
    /**
     * Warns at every start that Selenium has no DevTools bindings for this Chromium's version. The
     * tests need none: they send CDP commands through chromedriver.
     */
    private static final Logger CDP_VERSION_FINDER = Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder");

    /** The shared Chromium, idle between two tests or lent to one. */
    private static Chromium shared;

    private final ChromeDriver driver;
    private final Path profile;
    private final boolean isShared;
    private boolean lent;
    private boolean quit;

    private Chromium(ChromeDriver driver, Path profile, boolean isShared) {
        this.driver = driver;
        this.profile = profile;
        this.isShared = isShared;
    }

    static boolean installed() {
        return BINARY.canExecute() && CHROMEDRIVER.canExecute();
    }

    /** The shared Chromium, started on first use, or one of its own with {@code arguments} or while the shared one is lent. */
    static Chromium borrow(String... arguments) {
        if (arguments.length > 0 || shared != null && shared.lent) {
            return launch(false, arguments);
        }
        if (shared == null) {
            shared = launch(true);
        }
        shared.lent = true;
        return shared;
    }

    /** Quits the shared Chromium, if one was started. */
    private static void quitShared() {
        if (shared != null) {
            Chromium chromium = shared;
            shared = null;
            chromium.quit();
        }
    }

    ChromeDriver driver() {
        return driver;
    }

    /** Takes the shared Chromium back, clean for the next test; quits one of the test's own. */
    void giveBack() {
        if (!isShared) {
            quit();
            return;
        }
        try {
            cleanUp();
            lent = false;
        } catch (RuntimeException e) {
            quitShared(); // the next test starts a new one rather than inherit an unknown state
            throw e;
        }
    }

    /**
     * Leaves the browser as a fresh one would be: one new tab at about:blank, so the per-tab
     * state (sessionStorage, scripts added for every page, emulated screen and media, history,
     * extra headers) is gone with the old tabs; no cookies, no cache, no storage of any origin a
     * tab visited; the window at its first size, no key held down, no console message unread.
     */
    private void cleanUp() {
        List<String> tabs = List.copyOf(driver.getWindowHandles());
        Set<String> origins = new LinkedHashSet<>();
        for (String tab : tabs) {
            driver.switchTo().window(tab);
            origins.addAll(visitedOrigins());
        }
        String fresh = driver.switchTo().newWindow(WindowType.TAB).getWindowHandle();
        for (String tab : tabs) {
            driver.switchTo().window(tab).close();
        }
        driver.switchTo().window(fresh);
        driver.executeCdpCommand("Network.clearBrowserCookies", Map.of());
        driver.executeCdpCommand("Network.clearBrowserCache", Map.of());
        for (String origin : origins) {
            driver.executeCdpCommand("Storage.clearDataForOrigin", Map.of("origin", origin, "storageTypes", "all"));
        }
        driver.manage().window().setSize(WINDOW);
        driver.resetInputState();
        driver.manage().logs().get(LogType.BROWSER);
    }

    /** The http(s) origins of the pages in the current tab's history. */
    private Set<String> visitedOrigins() {
        Set<String> origins = new LinkedHashSet<>();
        List<?> entries = (List<?>) driver.executeCdpCommand("Page.getNavigationHistory", Map.of()).get("entries");
        for (Object entry : entries) {
            URI url = URI.create((String) ((Map<?, ?>) entry).get("url"));
            if ("http".equals(url.getScheme()) || "https".equals(url.getScheme())) {
                origins.add(url.getScheme() + "://" + url.getRawAuthority());
            }
        }
        return origins;
    }

    private static Chromium launch(boolean isShared, String... arguments) {
        CDP_VERSION_FINDER.setLevel(Level.SEVERE);
        Path profile = createProfileDir();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BINARY);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
                "--disable-dev-shm-usage", "--window-size=" + WINDOW.width + "," + WINDOW.height,
                "--user-data-dir=" + profile);
        options.addArguments(arguments);
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER)
                .usingAnyFreePort().build();
        Chromium chromium = new Chromium(new ChromeDriver(service, options), profile, isShared);
        if (isShared) {
            // it ends with the test JVM
            Runtime.getRuntime().addShutdownHook(new Thread(chromium::quit));
        }
        return chromium;
    }

    private synchronized void quit() {
        if (quit) {
            return;
        }
        quit = true;
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
