package org.consentledger.banner;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

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
