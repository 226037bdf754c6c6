package org.consentledger.console;

import static org.assertj.core.api.Assertions.assertThat;


import org.consentledger.support.Api;
import org.consentledger.support.ChromiumTestBase;
import org.consentledger.support.Tokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** What each role sees once signed in, and what ends a session. */
@QuarkusTest
class ConsoleSignInBrowserTest extends ChromiumTestBase {

    @Test
    void aGlobalAdminSeesTheAdminPagesAndEverySite() {
        String first = Api.createSite();
        String second = Api.createSite();
        try (ConsoleSession console = ConsoleSession.open(server).signIn(Tokens.admin())) {
            console.awaitPage();

            assertThat(console.menu()).containsExactly("nav-sites", "nav-policies", "nav-webhooks", "nav-diff");
            assertThat(console.siteOptions()).contains(first, second);
            assertThat(console.find("#create-site")).isNotNull();
        }
    }

    @Test
    void aGlobalAuditorSeesTheAuditPagesAndPicksFromEverySite() {
        String siteKey = Api.siteWithPolicies();
        try (ConsoleSession console = ConsoleSession.open(server).signIn(Tokens.auditor())) {
            console.awaitPage();

            assertThat(console.menu()).containsExactly("nav-overtime", "nav-reconsent", "nav-events", "nav-history",
                    "nav-ledger", "nav-diff");
            assertThat(console.find("#site").getTagName()).as("a list to pick from, not a box to type into").isEqualTo("select");
            assertThat(console.siteOptions()).contains(siteKey);
            assertThat(console.find("#site option[value='" + siteKey + "']").getText()).isEqualTo(siteKey + " · Example " + siteKey);
            console.chooseSite(siteKey);
            assertThat(console.find("#summary-total").getText()).isEqualTo("0");
            console.screenshot("console-auditor-sites");
        }
    }

    @Test
    void aScopedAdminSeesItsOwnSitesOnlyAndCannotCreateOne() {
        String own = Api.createSite();
        String other = Api.createSite();
        try (ConsoleSession console = ConsoleSession.open(server).signIn(Tokens.withGroups("admin:" + own))) {
            console.go("sites");

            assertThat(console.siteOptions()).containsExactly(own);
            assertThat(console.rows("#sites-table")).extracting(row -> row.get(0)).containsExactly(own);
            assertThat(console.findAll("#create-site")).isEmpty();
            assertThat(console.browser().driver().getPageSource()).doesNotContain(other);
        }
    }

    @Test
    void aScopedAuditorNeverSeesAnotherSite() {
        String own = Api.siteWithPolicies();
        String other = Api.siteWithPolicies();
        Api.postEvent(other, "ACCEPT_ALL");
        try (ConsoleSession console = ConsoleSession.open(server).signIn(Tokens.withGroups("auditor:" + own))) {
            console.go("events");

            assertThat(console.siteOptions()).containsExactly(own);
            assertThat(console.find("#site").getAttribute("value")).isEqualTo(own);
            console.go("events?site=" + other);
            assertThat(console.findAll("#events-table, #filter-form")).as("no search on a site out of scope").isEmpty();
            assertThat(console.find("main .message").getText()).contains("Choose one of your sites");
            console.go("overtime?site=" + other);
            assertThat(console.findAll("#summary")).isEmpty();
        }
    }

    @Test
    void aScopedAuditorWithAPatternPicksAmongTheSitesInsideItOnly() {
        String prefix = "pat" + System.nanoTime() % 100_000 + "-";
        String inside = Api.siteWithPolicies(prefix + "news");
        String outside = Api.siteWithPolicies();
        try (ConsoleSession console = ConsoleSession.open(server).signIn(Tokens.withGroups("auditor:" + prefix + "*"))) {
            console.go("overtime");

            assertThat(console.siteOptions()).containsExactly(inside);
            assertThat(console.find("#site").getAttribute("value")).as("the only one, chosen").isEqualTo(inside);
            assertThat(console.find("#summary-total").getText()).isEqualTo("0");
            assertThat(console.browser().driver().getPageSource()).doesNotContain(outside);
        }
    }

    @Test
    void aTokenTheServiceRefusesSignsOutWithTheReason() {
        try (ConsoleSession console = ConsoleSession.open(server).signInPage()) {
            console.type("token", Tokens.expired());
            console.click("token-sign-in");

            // Read in one script: the sign-in page is drawn again on the 401, which would leave a found element stale.
            console.browser().waitFor().until(d -> String.valueOf(console.browser().script(
                    "const s = document.getElementById('signin-status'); return s ? s.innerText : ''")).contains("401"));
            assertThat(console.browser().script("return sessionStorage.getItem('consentledger.console.token')")).isNull();
            assertThat(console.menu()).isEmpty();
        }
    }

    @Test
    void theSignInPageLogsNoFailedRequest() {
        try (ConsoleSession console = ConsoleSession.open(server).signInPage()) {
            console.awaitPage();
            console.find("#token");

            assertThat(console.browser().consoleErrors()).as("errors in the browser's console").isEmpty();
        }
    }

    @Test
    void outsideTheLocalProfileNoDevRoleIsOffered() {
        try (ConsoleSession console = ConsoleSession.open(server).signInPage()) {
            console.awaitPage();

            assertThat(console.findAll("#dev-form")).isEmpty();
            console.screenshot("console-signin");
        }
    }
}
