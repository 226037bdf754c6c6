package org.consentledger.notice;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import org.consentledger.support.Api;
import org.consentledger.support.Tokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * What the notice's route outside the REST layer ({@link NoticeRoute}) must answer as that layer
 * did, whether it serves from memory or reads first: the same notice and ETag, 304, the headers a
 * banner reads across origins, the problems. The notice's contents are {@code NoticeResourceTest}'s.
 */
@QuarkusTest
class NoticeRouteTest {

    private static final String ALLOWED_ORIGIN = "https://www.example.com";

    private static String noticeOf(String siteKey) {
        return "/api/v1/sites/" + siteKey + "/notice";
    }

    @Test
    void theFirstNoticeReadAndTheNextFromMemoryAreTheSameAndTheRestLayerAgrees() {
        String siteKey = Api.siteWithPolicies();
        Response first = Api.fromCountry("DE").header("Origin", ALLOWED_ORIGIN).get(noticeOf(siteKey));
        first.then().log().ifValidationFails().statusCode(200).contentType("application/json")
                .header("Access-Control-Allow-Origin", equalTo(ALLOWED_ORIGIN))
                .header("Access-Control-Expose-Headers", containsString("ETag"))
                .header("Cache-Control", equalTo("no-cache"));
        Response second = Api.fromCountry("DE").header("Origin", ALLOWED_ORIGIN).get(noticeOf(siteKey));
        // With a token the REST layer serves it.
        Response viaRest = Api.fromCountry("DE").header("Origin", ALLOWED_ORIGIN).auth().oauth2(Tokens.auditor())
                .get(noticeOf(siteKey));

        assertThat(first.headers().getValues("Vary")).containsExactlyInAnyOrderElementsOf(viaRest.headers().getValues("Vary"))
                .anySatisfy(vary -> assertThat(vary).contains("X-Test-Country").contains("Accept-Language"))
                .contains("Origin");

        assertThat(second.asString()).isEqualTo(first.asString());
        assertThat(viaRest.asString()).isEqualTo(first.asString());
        assertThat(second.header("ETag")).isEqualTo(first.header("ETag")).isEqualTo(viaRest.header("ETag"));
    }

    @Test
    void aBannersCachedCopyIsNotModifiedWeakOrStrongOrInAList() {
        String siteKey = Api.siteWithPolicies();
        String etag = Api.fromCountry("DE").get(noticeOf(siteKey)).header("ETag");

        for (String ifNoneMatch : new String[] { etag, "W/" + etag, "\"other\", " + etag, "*" }) {
            Api.fromCountry("DE").header("If-None-Match", ifNoneMatch).header("Origin", ALLOWED_ORIGIN)
                    .get(noticeOf(siteKey)).then().log().ifValidationFails().statusCode(304)
                    .header("ETag", equalTo(etag)).header("Access-Control-Allow-Origin", equalTo(ALLOWED_ORIGIN));
        }
        Api.fromCountry("DE").header("If-None-Match", "\"other\"").get(noticeOf(siteKey)).then().statusCode(200);
        Api.fromCountry("US").header("If-None-Match", etag).get(noticeOf(siteKey)).then().statusCode(200);
    }

    @Test
    void refusalsAreProblemsTheBannerCanRead() {
        String siteKey = Api.siteWithPolicies();
        given().header("Origin", "https://elsewhere.example.org").get(noticeOf(siteKey)).then().statusCode(403)
                .contentType("application/problem+json").body("instance", equalTo(noticeOf(siteKey)));
        // The origin first, as the REST layer checks it: a foreign page is refused whatever it asks.
        given().header("Origin", "https://elsewhere.example.org").queryParam("lang", "not a tag!").get(noticeOf(siteKey))
                .then().statusCode(403);
        given().get(noticeOf("no-such-site-here")).then().statusCode(404).contentType("application/problem+json");
        given().header("Origin", ALLOWED_ORIGIN).queryParam("lang", "not a tag!").get(noticeOf(siteKey)).then()
                .statusCode(400).contentType("application/problem+json")
                .header("Access-Control-Allow-Origin", equalTo(ALLOWED_ORIGIN))
                .body("errors[0].field", equalTo("lang"));
    }
}
