package org.consentledger.banner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.consentledger.support.Api.asAuditor;
import static org.consentledger.support.BannerSites.awaitEvents;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;

import org.consentledger.support.Browser;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Fields of the notice: banner texts per language, the OPT_OUT mode, proof of display. Where a
 * test needs a notice the server would not send, the page's fetch changes the real one and
 * answers the banner's events itself, keeping what the banner sent in {@code window.sent}.
 */
@QuarkusTest
class BannerNoticeFieldsBrowserTest extends BrowserTestBase {

    private static String fakeServer(String noticeFields) {
        return "window.sent = []; const real = window.fetch.bind(window);"
                + "window.fetch = (url, init) => {"
                + " if (String(url).endsWith('/events')) { window.sent.push(JSON.parse(init.body));"
                + "  return Promise.resolve(new Response('{}', { status: 201, headers: { 'Content-Type': 'application/json' } })); }"
                + " if (!String(url).includes('/notice')) return real(url, init);"
                + " return real(url, init).then(r => r.json()).then(n => new Response(JSON.stringify(Object.assign(n, "
                + noticeFields + ")), { status: 200, headers: { 'Content-Type': 'application/json' } })); };";
    }

    @Test
    void theServersTextsReplaceTheBuiltInEnglishKeyByKey() {
        try (Browser browser = Browser.from("DE")) {
            browser.beforeEveryPage(fakeServer("{ language: 'de', texts: { heading: 'Datenschutz und Cookies',"
                    + " acceptAll: 'Alle akzeptieren', rejectAll: 'Alle ablehnen' } }"));
            browser.load(site.page("index.html"));

            assertThat(browser.banner().findElement(By.cssSelector("h2")).getText()).isEqualTo("Datenschutz und Cookies");
            assertThat(browser.buttonLabels()).containsExactly("Alle ablehnen", "Choose", "Alle akzeptieren");
            assertThat(browser.banner().findElement(By.cssSelector("section")).getAttribute("lang")).isEqualTo("de");
        }
    }

    @Test
    void everyEventNamesTheRenderedNoticeTheVisitorSaw() {
        try (Browser browser = Browser.from("DE")) {
            browser.load(site.page("index.html"));
            browser.press("accept");
            browser.awaitDelivered();

            Object shown = noticeId(browser);
            assertThat(shown).asString().matches("[0-9a-f]{64}");
            assertThat(awaitEvents(site.siteKey(), "NOTICE_SHOWN", 1)).extracting("noticeId").containsExactly(shown);
            assertThat(awaitEvents(site.siteKey(), "ACCEPT_ALL", 1)).extracting("noticeId").containsExactly(shown);
            asAuditor().get("/api/v1/audit/sites/" + site.siteKey() + "/notices/" + shown).then().statusCode(200)
                    .body("rendering.mode", equalTo("EXPLICIT"));
        }
    }

    private static Object noticeId(Browser browser) {
        return browser.script("return JSON.parse(localStorage.getItem(Object.keys(localStorage)"
                + ".find(k => /^consentledger:[^:]+$/.test(k)))).noticeId");
    }
}
