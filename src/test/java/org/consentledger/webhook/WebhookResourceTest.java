package org.consentledger.webhook;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.consentledger.support.Api;
import org.consentledger.support.Rows;
import org.consentledger.support.Tokens;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.filter.log.LogDetail;
import io.restassured.response.Response;

/** Admins add, read, rotate and delete a site's webhook endpoints; bad input is refused naming the field. */
@Tag("database")
@QuarkusTest
class WebhookResourceTest {

    private static final String URL = "https://receiver.example/hook";

    @Inject
    DataSource dataSource;

    static String path(String siteKey) {
        return "/api/v1/admin/sites/" + siteKey + "/webhooks";
    }

    static Response create(String siteKey, String url, List<String> events) {
        return Api.asAdmin().body(Map.of("url", url, "events", events, "description", "CRM"))
                .post(path(siteKey));
    }

    @Test
    void theSecretIsShownOnceAtCreationAndNeverInAReadOrAList() {
        String siteKey = Api.createSite();

        Response created = create(siteKey, URL, List.of("consent.changed", "policy.published"));

        created.then().log().ifValidationFails(LogDetail.ALL).statusCode(201)
                .header("Location", matchesPattern(".*/webhooks/[0-9a-f-]{36}"))
                .body("url", equalTo(URL)).body("events", equalTo(List.of("consent.changed", "policy.published")))
                .body("secret", matchesPattern("whsec_[A-Za-z0-9+/]{43}="));
        String id = created.path("id");
        Api.asAdmin().get(path(siteKey) + "/" + id).then().statusCode(200)
                .body("id", equalTo(id)).body("description", equalTo("CRM")).body("secret", nullValue());
        Api.asAdmin().get(path(siteKey)).then().statusCode(200).body("", hasSize(1)).body("[0].secret", nullValue());
        assertThat(Rows.text(dataSource, "select secret from webhook_endpoint where id = ?::uuid", id))
                .isEqualTo(created.path("secret"));
        assertThat(Rows.count(dataSource, "select count(*) from admin_log where action = 'WEBHOOK_CREATED' and target = ? "
                + "and after::text not like '%whsec_%'", id)).isEqualTo(1);
    }

    @Test
    void rotatingGivesANewSecretAndTheOldOneSignsForADay() {
        String siteKey = Api.createSite();
        Response created = create(siteKey, URL, List.of("consent.changed"));
        String id = created.path("id");

        Response rotated = Api.asAdmin().post(path(siteKey) + "/" + id + "/rotate-secret");

        rotated.then().log().ifValidationFails(LogDetail.ALL).statusCode(200).body("secret", matchesPattern("whsec_.{44}"));
        assertThat((String) rotated.path("secret")).isNotEqualTo(created.path("secret"));
        assertThat(Rows.count(dataSource, "select count(*) from webhook_endpoint where id = ?::uuid and previous_secret = ? "
                + "and previous_secret_until between now() + interval '23 hours' and now() + interval '25 hours'",
                id, created.path("secret"))).isEqualTo(1);
    }

    @Test
    void deletingAnEndpointRemovesItAndIsLogged() {
        String siteKey = Api.createSite();
        String id = create(siteKey, URL, List.of("consent.changed")).path("id");

        Api.asAdmin().delete(path(siteKey) + "/" + id).then().statusCode(204);

        Api.asAdmin().get(path(siteKey) + "/" + id).then().statusCode(404);
        assertThat(Rows.count(dataSource, "select count(*) from admin_log where action = 'WEBHOOK_DELETED' and target = ?", id))
                .isEqualTo(1);
    }

    @Test
    void badInputIsRefusedNamingTheFieldAndNothingIsWritten() {
        String siteKey = Api.createSite();

        create(siteKey, URL, List.of("consent.withdrawn")).then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("events"));
        create(siteKey, URL, List.of()).then().statusCode(400).body("errors.field", hasItem("events"));
        create(siteKey, "ftp://receiver.example/hook", List.of("consent.changed")).then().statusCode(400)
                .body("errors.field", hasItem("url"));
        create(siteKey, "https://receiver.example/" + "a".repeat(2048), List.of("consent.changed")).then().statusCode(400)
                .body("errors.field", hasItem("url"));
        Api.asAdmin().body(Map.of("url", URL, "events", List.of("consent.changed"), "description", "d".repeat(501)))
                .post(path(siteKey)).then().statusCode(400).body("errors.field", hasItem("description"));
        Api.asAdmin().get(path(siteKey) + "/not-a-uuid").then().statusCode(400);

        assertThat(Rows.count(dataSource, "select count(*) from webhook_endpoint w join site s on s.id = w.site_id "
                + "where s.site_key = ?", siteKey)).isZero();
    }

    @Test
    void aSiteHasAtMostTwentyEndpoints() {
        String siteKey = Api.createSite();
        for (int i = 0; i < 20; i++) {
            create(siteKey, URL + i, List.of("consent.changed")).then().statusCode(201);
        }

        create(siteKey, URL, List.of("consent.changed")).then().log().ifValidationFails(LogDetail.ALL).statusCode(422)
                .body("errors.field", hasItem("url"));

        Api.asAdmin().get(path(siteKey)).then().body("", hasSize(20));
    }

    @Test
    void anotherSitesScopedAdminGets404AndAnAuditor403() {
        String siteKey = Api.createSite();

        given().auth().oauth2(Tokens.withGroups("admin:" + Api.createSite())).get(path(siteKey)).then().statusCode(404);
        given().auth().oauth2(Tokens.auditor()).get(path(siteKey)).then().statusCode(403);
        given().auth().oauth2(Tokens.withGroups("admin:" + siteKey)).get(path(siteKey)).then().statusCode(200);
    }
}
