package org.consentledger.banner;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.util.Optional;

import org.consentledger.bannertext.BuiltInTexts;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class DemoResourceTest {

    @Test
    void theDemoHomePageInstallsTheBannerForTheDemoSiteWithOneTag() {
        given().get("/demo/").then().log().ifValidationFails().statusCode(200)
                .contentType(containsString("text/html"))
                .body(containsString("<script src=\"/banner/v1/banner.js\" data-site=\"demo\" defer></script>"))
                .body(containsString("href=\"/demo/article.html?site=demo\""));
    }

    @Test
    void anotherSiteKeyCanBeChosenAndIsKeptInTheLinks() {
        given().queryParam("site", "shop-1").get("/demo/article.html").then().statusCode(200)
                .body(containsString("data-site=\"shop-1\""))
                .body(containsString("href=\"/demo/privacy.html?site=shop-1\""));
        given().queryParam("site", "\"><script>").get("/demo/article.html").then().statusCode(200)
                .body(containsString("data-site=\"demo\""))
                .body(not(containsString("\"><script>")));
    }

    @Test
    void aCookieDomainIsPassedToTheBannerAndKeptInTheLinks() {
        given().queryParam("site", "shop-1").queryParam("cookieDomain", "example.test").get("/demo/").then().statusCode(200)
                .body(containsString("data-site=\"shop-1\" data-cookie-domain=\"example.test\" defer"))
                .body(containsString("href=\"/demo/article.html?site=shop-1&amp;cookieDomain=example.test\""));
        given().queryParam("cookieDomain", "\"><script>").get("/demo/").then().statusCode(200)
                .body(not(containsString("data-cookie-domain")))
                .body(not(containsString("\"><script>")));
    }

    @Test
    void everyPageHasTheSwitcherWithEveryPlaceAndEveryBuiltInLanguage() {
        for (String page : new String[] {"", "article.html", "privacy.html"}) {
            var body = given().get("/demo/" + page).then().statusCode(200)
                    .body(containsString("<aside class=\"demo-bar\" id=\"demo-switcher\" aria-label=\"Demo controls\">"))
                    .body(containsString("<strong>Demo:</strong> pretend to be a visitor from…"))
                    .body(containsString("<script src=\"/demo/demo.js\"></script>"))
                    .body(containsString("<option value=\"\" selected>Browser default</option>"));
            for (String place : new String[] {"DE", "FR", "GB", "CH", "BR", "US-CA", "US-TX", "JP", ""}) {
                body.body(containsString("<option value=\"" + place + "\""));
            }
            for (String language : BuiltInTexts.LANGUAGES) {
                body.body(containsString("<option value=\"" + language + "\" lang=\"" + language + "\">"));
            }
        }
    }

    @Test
    void thePageNamesTheTrustedGeoHeadersTheServiceReads() {
        Optional<String> region = ConfigProvider.getConfig().getOptionalValue("consent.geo.region-header", String.class);
        given().get("/demo/").then().statusCode(200)
                .body(containsString("<html lang=\"en\" data-country-header=\"X-Test-Country\""))
                .body(region.map(r -> containsString(" data-region-header=\"" + r + "\""))
                        .orElse(not(containsString("data-region-header"))));
    }

    @Test
    void aLanguageGoesOnTheBannerTagAndIsKeptInTheLinks() {
        given().queryParam("site", "shop-1").queryParam("lang", "de").get("/demo/article.html").then().statusCode(200)
                .body(containsString("data-site=\"shop-1\" data-lang=\"de\" defer"))
                .body(containsString("href=\"/demo/privacy.html?site=shop-1&amp;lang=de\""));
        given().queryParam("lang", "").get("/demo/").then().statusCode(200)
                .body(not(containsString("data-lang")));
    }

    @Test
    void aLanguageThatIsNotBuiltInIsRefusedNamingTheField() {
        for (String lang : new String[] {"xx", "DE", "de-DE", "\"><script>"}) {
            given().queryParam("lang", lang).get("/demo/").then().log().ifValidationFails().statusCode(400)
                    .contentType(containsString("application/problem+json"))
                    .body("errors[0].field", equalTo("lang"))
                    .body(not(containsString("<script>")));
        }
    }

    @Test
    void theGatedAnalyticsIsAFileLoadedOnlyByTheBanner() {
        given().get("/demo/").then().statusCode(200)
                .body(containsString("<script type=\"text/plain\" data-consent-category=\"analytics\" src=\"/demo/analytics.js\"></script>"));
        given().get("/demo/analytics.js").then().statusCode(200).contentType(containsString("text/javascript"))
                .body(containsString("Analytics is running."));
    }

    @Test
    void theDemoSiteExistsWithAPrivacyPolicyAndTermsOfUse() {
        given().header("X-Test-Country", "US").get("/api/v1/sites/demo/notice").then().statusCode(200)
                .body("documents.kind", containsInAnyOrder("PRIVACY_POLICY", "TERMS_OF_USE"));
    }

    @Test
    void anUnknownDemoFileIsNotFound() {
        given().get("/demo/secrets.html").then().statusCode(404);
        given().get("/demo/..%2Fapplication.properties").then().statusCode(404);
    }
}
