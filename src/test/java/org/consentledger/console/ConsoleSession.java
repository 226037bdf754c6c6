package org.consentledger.console;

import java.net.URL;
import java.util.List;

import org.consentledger.support.Browser;
import org.openqa.selenium.By;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/** The console in a headless Chromium, signed in by pasting a token, as a person would. */
final class ConsoleSession implements AutoCloseable {

    private final Browser browser;
    private final String console;

    private ConsoleSession(Browser browser, URL server) {
        this.browser = browser;
        this.console = server.toString().replaceAll("/$", "") + "/console/";
    }

    static ConsoleSession open(URL server) {
        return new ConsoleSession(Browser.from("DE"), server);
    }

    /** Opens the sign-in page and pastes the token. */
    ConsoleSession signIn(String token) {
        signInPage();
        browser.driver().findElement(By.id("token")).sendKeys(token);
        browser.driver().findElement(By.id("token-sign-in")).click();
        browser.waitFor().until(d -> !d.findElements(By.id("sign-out")).isEmpty());
        return this;
    }

    ConsoleSession signInPage() {
        browser.driver().get(console + "#/signin");
        browser.waitFor().until(d -> !d.findElements(By.id("token")).isEmpty());
        return this;
    }

    /** Goes to a page, {@code "events?site=news"} for instance, and waits until it has drawn. */
    ConsoleSession go(String pageAndQuery) {
        browser.driver().get(console + "#/" + pageAndQuery);
        browser.driver().navigate().refresh(); // a hash change alone may keep the old page's state
        return awaitPage();
    }

    ConsoleSession awaitPage() {
        try {
            browser.waitFor().until(d -> !d.findElements(By.cssSelector("main[data-ready]")).isEmpty());
        } catch (TimeoutException e) {
            throw new AssertionError("The console page did not finish drawing; it shows: "
                    + browser.script("return location.hash + ' | ' + document.body.innerText"), e);
        }
        return this;
    }

    void chooseSite(String siteKey) {
        WebElement picker = browser.waitFor().until(d -> d.findElement(By.id("site")));
        redrawnAfter(() -> {
            if ("select".equals(picker.getTagName())) {
                new Select(picker).selectByValue(siteKey);
            } else {
                picker.clear();
                picker.sendKeys(siteKey);
                browser.script("arguments[0].dispatchEvent(new Event('change'))", picker);
            }
        });
    }

    /** Does what redraws the page (a navigation, a form that leads to another page), and waits for the new page. */
    ConsoleSession redrawnAfter(Runnable action) {
        browser.script("delete document.getElementById('main').dataset.ready");
        action.run();
        return awaitPage();
    }

    List<String> siteOptions() {
        WebElement picker = browser.driver().findElement(By.id("site"));
        By options = "select".equals(picker.getTagName()) ? By.cssSelector("#site option") : By.cssSelector("#site-options option");
        return browser.driver().findElements(options).stream().map(o -> o.getAttribute("value")).filter(v -> !v.isEmpty()).toList();
    }

    List<String> menu() {
        return browser.driver().findElements(By.cssSelector("nav a")).stream().map(a -> a.getAttribute("id")).toList();
    }

    WebElement find(String cssSelector) {
        try {
            return browser.waitFor().until(d -> d.findElement(By.cssSelector(cssSelector)));
        } catch (TimeoutException e) {
            throw new AssertionError("No " + cssSelector + " on the console page, which shows: "
                    + browser.script("return location.hash + ' | ' + document.querySelector('main').innerText"), e);
        }
    }

    List<WebElement> findAll(String cssSelector) {
        return browser.driver().findElements(By.cssSelector(cssSelector));
    }

    void type(String id, String text) {
        WebElement field = find("#" + id);
        field.clear();
        field.sendKeys(text);
    }

    void click(String id) {
        find("#" + id).click();
    }

    /** The cells of a table's body, row by row. */
    @SuppressWarnings("unchecked")
    List<List<String>> rows(String tableSelector) {
        // read in one script, so a table redrawn meanwhile cannot leave stale cells
        return (List<List<String>>) browser.script("return [...document.querySelectorAll(arguments[0] + ' tbody tr')]"
                + ".map(tr => [...tr.cells].map(td => td.innerText.trim()))", tableSelector);
    }

    /**
     * Remembers every Blob the page turns into a download link, so a test reads what a click saves.
     * (A real download would leave chromedriver waiting on the click, and the console's policy
     * rightly keeps its own scripts from fetching blob: URLs.)
     */
    ConsoleSession keepingDownloads() {
        browser.beforeEveryPage("window.savedBlobs = []; const createObjectURL = URL.createObjectURL;"
                + "URL.createObjectURL = blob => { window.savedBlobs.push(blob); return createObjectURL(blob); };");
        return this;
    }

    /** The text of the latest download the page offered, once the link for it is there. */
    String downloaded(String linkSelector) {
        find(linkSelector);
        return (String) browser.driver().executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "window.savedBlobs[window.savedBlobs.length - 1].text().then(done);");
    }

    Browser browser() {
        return browser;
    }

    void screenshot(String name) {
        browser.screenshot(name);
    }

    @Override
    public void close() {
        browser.close();
    }
}
