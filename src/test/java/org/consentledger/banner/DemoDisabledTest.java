package org.consentledger.banner;

import static io.restassured.RestAssured.given;

import org.consentledger.support.ProductionEdge;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** As in production: without consent.demo.enabled there is no demo, and no demo site is created. */
@QuarkusTest
@TestProfile(ProductionEdge.class)
class DemoDisabledTest {

    @Test
    void theDemoPagesAreNotFound() {
        given().get("/demo/").then().statusCode(404);
        given().get("/demo/article.html").then().statusCode(404);
    }

    @Test
    void noDemoSiteIsCreated() {
        given().get("/api/v1/sites/demo/notice").then().statusCode(404);
    }

    @Test
    void theBannerScriptIsStillServed() {
        given().get("/banner/v1/banner.js").then().statusCode(200);
    }
}
