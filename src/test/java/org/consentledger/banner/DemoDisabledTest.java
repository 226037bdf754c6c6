package org.consentledger.banner;

import static io.restassured.RestAssured.given;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** As in production: without consent.demo.enabled there is no demo, and no demo site is created. */
@QuarkusTest
@TestProfile(DemoDisabledTest.Production.class)
class DemoDisabledTest {

    public static class Production implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("consent.demo.enabled", "false");
        }
    }

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
