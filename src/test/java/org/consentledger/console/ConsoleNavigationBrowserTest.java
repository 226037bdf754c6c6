package org.consentledger.console;

import static org.assertj.core.api.Assertions.assertThat;


import org.consentledger.support.Api;
import org.consentledger.support.ChromiumTestBase;
import org.consentledger.support.Tokens;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;

import io.quarkus.test.junit.QuarkusTest;

/** Moving around the console: every click counts, and nothing of one session shows in the next. */
@QuarkusTest
class ConsoleNavigationBrowserTest extends ChromiumTestBase {

    /** The site listing fails, so the picker is a box to type a key into, as when the service cannot list. */
    private static final String NO_SITE_LISTING = "const real = window.fetch; window.fetch = (url, options) =>"
            + " String(url).endsWith('/api/v1/audit/sites') ? Promise.resolve(new Response('', { status: 503 })) : real(url, options);";

    @Test
    void theFirstMenuClickAfterTypingASiteKeyOpensThatPage() {
        String siteKey = Api.siteWithPolicies();
        try (ConsoleSession console = ConsoleSession.open(server)) {
            console.browser().beforeEveryPage(NO_SITE_LISTING);
            console.signIn(Tokens.auditor());
            console.go("overtime");
            WebElement box = console.find("input#site");
            box.clear();
            box.sendKeys(siteKey);

            console.click("nav-events");

            console.browser().waitFor().withMessage("the Event search page, opened by the first click").until(d ->
                    "#/events events".equals(console.browser().script("return location.hash + ' ' + document.getElementById('main').dataset.ready")));
            assertThat(console.find("#filter-form")).isNotNull();
            assertThat(console.find("nav a[aria-current=page]").getAttribute("id")).isEqualTo("nav-events");
        }
    }

    @Test
    void aToastOfOneUserIsGoneWhenTheNextSignsIn() {
        String siteKey = Api.siteWithPolicies();
        try (ConsoleSession console = ConsoleSession.open(server).signIn(Tokens.admin())) {
            console.go("policies?site=" + siteKey);
            console.type("publish-version", "2.0");
            console.type("publish-title", "Privacy Policy");
            console.type("publish-url", "https://www.example.com/privacy/2");
            console.type("publish-content", "We now also count page views.");
            console.redrawnAfter(() -> console.click("publish-button"));
            assertThat(console.find("#toast").getText()).isEqualTo("Published PRIVACY_POLICY 2.0.");

            console.click("sign-out");
            console.signIn(Tokens.auditor());

            assertThat(console.find("#toast").getText()).as("the admin's toast, shown to the auditor").isEmpty();
        }
    }
}
