package org.consentledger.banner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.consentledger.support.Api.asAdmin;
import static org.consentledger.support.BannerSites.awaitEvents;
import static org.consentledger.support.BannerSites.events;

import java.util.List;
import java.util.Map;

import org.consentledger.support.Api;
import org.consentledger.support.BannerSites;
import org.consentledger.support.Browser;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import io.quarkus.test.junit.QuarkusTest;

/** What a site's developer meets while installing the banner: a forgotten origin, a visitor id across subdomains. */
@QuarkusTest
class BannerSiteSetupBrowserTest extends BrowserTestBase {

    private static final String LISTEN = "window.consoleErrors = []; window.bannerErrors = [];"
            + "const error = console.error.bind(console);"
            + "console.error = (...a) => { window.consoleErrors.push(a.join(' ')); error(...a); };"
            + "document.addEventListener('consentledger:error', e => window.bannerErrors.push(e.detail));";
    /** The paths, after the site's, of the page's requests that sent events. */
    private static final String EVENT_REQUESTS = "return performance.getEntriesByType('resource')"
            + ".map(e => new URL(e.name).pathname.replace(/^.*\\/sites\\/[^/]+/, ''))"
            + ".filter(path => path.startsWith('/events'))";
    private static final String OUTBOX = "return Object.keys(localStorage).filter(k => k.endsWith(':outbox'))"
            + ".map(k => JSON.parse(localStorage.getItem(k)).length).reduce((a, b) => a + b, 0)";

    @Test
    void aPageWhoseOriginTheSiteDoesNotListIsToldSoAndKeepsItsEventsUntilTheOriginIsAdded() {
        String siteKey = Api.freshSiteKey();
        asAdmin().body(Map.of("siteKey", siteKey, "name", "Forgotten origin", "origins", List.of("https://www.example.com")))
                .post("/api/v1/admin/sites").then().statusCode(201);
        BannerSites.publish(siteKey, "PRIVACY_POLICY", "Privacy Policy", "1", site.origin() + "/demo/privacy.html");
        String page = site.origin() + "/demo/index.html?site=" + siteKey;
        try (Browser browser = Browser.from("DE")) {
            browser.beforeEveryPage(LISTEN);
            browser.load(page);
            browser.waitFor().until(d -> !((List<?>) browser.script("return window.bannerErrors")).isEmpty());

            browser.press("reject");

            browser.waitFor().until(d -> ((List<?>) browser.script("return window.bannerErrors")).size() == 2);
            List<?> errors = (List<?>) browser.script("return window.bannerErrors");
            assertThat(errors).extracting("status", "siteKey", "origin", "type")
                    .containsExactly(tuple(403L, siteKey, site.origin(), "NOTICE_SHOWN"),
                            tuple(403L, siteKey, site.origin(), "REJECT_ALL"));
            assertThat((List<?>) browser.script("return window.consoleErrors")).singleElement().asString()
                    .contains("does not list this page's origin " + site.origin())
                    .contains("add \"" + site.origin() + "\" to the site's origins");
            assertThat(browser.script(OUTBOX)).as("refused events are kept, not dropped").isEqualTo(2L);

            List<Map<String, Object>> refused = asAdmin().get("/api/v1/admin/sites/" + siteKey + "/refused-origins")
                    .then().statusCode(200).extract().jsonPath().getList("");
            assertThat(refused).singleElement().extracting("origin").isEqualTo(site.origin());
            assertThat(((Number) refused.get(0).get("count")).intValue()).isGreaterThanOrEqualTo(2);

            asAdmin().body(Map.of("name", "Forgotten origin", "origins", List.of("https://www.example.com", site.origin()),
                            "categories", List.of("necessary", "functional", "analytics", "marketing"),
                            "impliedConsentCategories", List.of("necessary", "functional", "analytics", "marketing")))
                    .put("/api/v1/admin/sites/" + siteKey).then().statusCode(200);
            browser.load(site.origin() + "/demo/article.html?site=" + siteKey);

            browser.awaitDelivered();
            assertThat(events(siteKey, "NOTICE_SHOWN")).hasSize(1);
            assertThat(awaitEvents(siteKey, "REJECT_ALL", 1)).hasSize(1);
            assertThat(browser.script(EVENT_REQUESTS)).as("the two kept events went in one request")
                    .isEqualTo(List.of("/events/batch"));
        }
    }

    @Test
    void anUnknownSiteKeyIsToldAndNoBannerIsShown() {
        try (Browser browser = Browser.from("DE")) {
            browser.beforeEveryPage(LISTEN);
            browser.load(site.origin() + "/demo/index.html?site=no-such-site");

            assertThat(browser.bannerShown()).isFalse();
            assertThat((List<?>) browser.script("return window.bannerErrors")).extracting("status", "request")
                    .containsExactly(tuple(404L, "loading the notice"));
            assertThat((List<?>) browser.script("return window.consoleErrors")).singleElement().asString()
                    .contains("there is no site \"no-such-site\". Check data-site.");
        }
    }

    @Test
    void withDataCookieDomainTheVisitorIdIsSharedAcrossTheSitesSubdomains() {
        String port = site.origin().substring(site.origin().lastIndexOf(':'));
        String shop = "http://shop.example.test" + port;
        String news = "http://news.example.test" + port;
        String siteKey = Api.freshSiteKey();
        asAdmin().body(Map.of("siteKey", siteKey, "name", "Two subdomains", "origins", List.of(shop, news)))
                .post("/api/v1/admin/sites").then().statusCode(201);
        BannerSites.publish(siteKey, "PRIVACY_POLICY", "Privacy Policy", "1", shop + "/demo/privacy.html");
        String query = "/demo/index.html?site=" + siteKey + "&cookieDomain=example.test";
        try (Browser browser = Browser.from("DE", "--host-resolver-rules=MAP *.example.test 127.0.0.1")) {
            browser.load(shop + query);
            Object visitor = browser.script("return ConsentLedger.visitorId");
            browser.press("accept");
            browser.awaitDelivered();
            awaitEvents(siteKey, "ACCEPT_ALL", 1);

            browser.load(news + query);

            assertThat(browser.script("return ConsentLedger.visitorId")).isEqualTo(visitor);
            assertThat(browser.bannerShown()).as("the choice made on the other subdomain holds").isFalse();
            browser.waitFor().until(d -> "Analytics is running.".equals(
                    d.findElement(By.id("analytics-status")).getText()));
        }
    }
}
