package org.consentledger.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.consentledger.support.Api;
import org.consentledger.support.ChromiumTestBase;
import org.consentledger.support.Tokens;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The console by keyboard alone: sign in, move to the menu with Shift+Tab and Tab, open a page
 * with Enter, and always see where the focus is.
 */
@QuarkusTest
class ConsoleKeyboardBrowserTest extends ChromiumTestBase {

    @Test
    void anAdminSignsInAndReachesEveryPageByKeyboardWithAVisibleFocusRing() {
        Api.createSite();
        try (ConsoleSession console = ConsoleSession.open(server).signInPage()) {
            WebDriver driver = console.browser().driver();
            // Tab from the top of the page to the token box, paste, Tab to the button, Enter.
            List<Map<String, String>> stops = tabThrough(console, 30, "token", Keys.TAB);
            assertThat(stops).last().extracting(stop -> stop.get("id")).isEqualTo("token");
            driver.switchTo().activeElement().sendKeys(Tokens.admin());
            tabThrough(console, 5, "token-sign-in", Keys.TAB);
            driver.switchTo().activeElement().sendKeys(Keys.ENTER);
            console.browser().waitFor().until(d -> !d.findElements(By.id("sign-out")).isEmpty());
            console.awaitPage();

            // A drawn page puts the focus on its content; the menu is just before it: Shift+Tab.
            console.browser().script("document.getElementById('main').focus()");
            stops = tabThrough(console, 10, "nav-sites", Keys.chord(Keys.SHIFT, Keys.TAB));
            assertThat(stops).extracting(stop -> stop.get("id")).contains("nav-diff", "nav-policies", "nav-sites");
            // The page itself (BODY) holds the focus only while a redrawn page has none yet.
            for (Map<String, String> stop : stops.stream().filter(stop -> !"BODY".equals(stop.get("tag"))).toList()) {
                assertThat(stop.get("outline")).as("focus ring of " + stop).isNotEqualTo("none");
                assertThat(stop.get("outlineWidth")).as("focus ring of " + stop).isNotEqualTo("0px");
            }
            tabThrough(console, 3, "nav-policies", Keys.TAB);
            console.redrawnAfter(() -> driver.switchTo().activeElement().sendKeys(Keys.ENTER));
            assertThat((String) console.browser().script("return location.hash")).contains("policies");
        }
    }

    /**
     * Presses {@code key} (Tab or Shift+Tab) until the element with {@code targetId} has the focus,
     * at most {@code limit} times, and returns each focused element with its computed outline.
     */
    @SuppressWarnings("unchecked")
    private static List<Map<String, String>> tabThrough(ConsoleSession console, int limit, String targetId,
            CharSequence key) {
        List<Map<String, String>> stops = new ArrayList<>();
        for (int i = 0; i < limit; i++) {
            console.browser().driver().switchTo().activeElement().sendKeys(key);
            Map<String, String> stop = (Map<String, String>) console.browser().script(
                    "const e = document.activeElement, s = getComputedStyle(e);"
                            + "return {id: e.id, tag: e.tagName, outline: s.outlineStyle, outlineWidth: s.outlineWidth};");
            stops.add(stop);
            if (targetId.equals(stop.get("id"))) {
                return stops;
            }
        }
        throw new AssertionError("Tab never reached #" + targetId + "; it stopped on " + stops);
    }
}
