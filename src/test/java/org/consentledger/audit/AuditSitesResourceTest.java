package org.consentledger.audit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import org.consentledger.support.Api;
import org.consentledger.support.Tokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.filter.log.LogDetail;

/** Auditors list the sites they may read, so none has to know a site key by heart. */
@QuarkusTest
class AuditSitesResourceTest {

    private static final String SITES = "/api/v1/audit/sites";

    @Test
    void aGlobalAuditorListsEverySiteWithItsName() {
        String first = Api.createSite();
        String second = Api.createSite();

        given().auth().oauth2(Tokens.auditor()).get(SITES)
                .then().log().ifValidationFails(LogDetail.ALL).statusCode(200)
                .body("siteKey", hasItems(first, second))
                .body("find { it.siteKey == '" + first + "' }.name", equalTo("Example " + first));
    }

    @Test
    void aScopedAuditorListsOnlyTheSitesItsGroupsCover() {
        String prefix = "aud" + System.nanoTime() % 1_000_000 + "-";
        String own = Api.createSite(prefix + "own");
        String byPattern = Api.createSite(prefix + "x-one");
        Api.createSite(prefix + "other");
        Api.createSite();

        given().auth().oauth2(Tokens.withGroups("auditor:" + own, "auditor:" + prefix + "x-*", "admin")).get(SITES)
                .then().log().ifValidationFails(LogDetail.ALL).statusCode(200)
                .body("siteKey", contains(own, byPattern));
    }

    @Test
    void anAdminWithoutAnAuditorRoleIsForbidden() {
        given().auth().oauth2(Tokens.admin()).get(SITES)
                .then().log().ifValidationFails(LogDetail.ALL).statusCode(403)
                .contentType("application/problem+json").body("type", equalTo("/problems/forbidden"));
    }
}
