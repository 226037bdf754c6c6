package org.consentledger.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.remote.SessionId;

import io.quarkus.test.junit.QuarkusTest;

/** The tests of a class share one Chromium, and none of them finds anything another left in it. */
@QuarkusTest
class SharedChromiumBrowserTest extends ChromiumTestBase {

    private static final String LEAVE_EVERYTHING = "const done = arguments[arguments.length - 1];"
            + " document.cookie = 'left=over; max-age=3600'; localStorage.setItem('left', 'over');"
            + " sessionStorage.setItem('left', 'over'); console.error('left over');"
            + " const db = indexedDB.open('left-over'); db.onsuccess = () => { db.result.close(); done(); };";
    private static final String WHAT_IS_LEFT = "const done = arguments[arguments.length - 1];"
            + " indexedDB.databases().then(dbs => done([document.cookie, localStorage.length, sessionStorage.length,"
            + " typeof window.leftOver, innerWidth, dbs.map(d => d.name)]));";

    @Test
    void theNextTestGetsTheSameChromiumWithNothingOfTheLastTestLeftInIt() {
        String page = server + "console/";
        SessionId chromium;
        try (Browser browser = Browser.from("DE")) {
            chromium = browser.driver().getSessionId();
            browser.beforeEveryPage("window.leftOver = true;");
            browser.screen(375, 667);
            browser.driver().get(page);
            browser.driver().executeAsyncScript(LEAVE_EVERYTHING);
            browser.driver().switchTo().newWindow(WindowType.TAB);
        }

        try (Browser browser = Browser.from("JP")) {
            assertThat(browser.driver().getSessionId()).as("the same Chromium").isEqualTo(chromium);
            assertThat(browser.driver().getWindowHandles()).as("one tab").hasSize(1);
            assertThat(browser.driver().getCurrentUrl()).isEqualTo("about:blank");
            browser.driver().get(page);

            assertThat(browser.driver().executeAsyncScript(WHAT_IS_LEFT))
                    .isEqualTo(List.of("", 0L, 0L, "undefined", 1280L, List.of()));
            assertThat(browser.consoleErrors()).isEmpty();
        }
    }
}
