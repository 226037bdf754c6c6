package org.consentledger.site;

import static io.restassured.RestAssured.given;
import static org.consentledger.support.Api.asAdmin;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import javax.sql.DataSource;

import org.consentledger.support.Api;
import org.consentledger.support.Rows;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class SiteResourceTest {

    @Inject
    DataSource dataSource;

    @Test
    void creatingASiteReturnsItWithDefaultCategoriesAndALocation() {
        String siteKey = Api.freshSiteKey();
        asAdmin().body(Map.of("siteKey", siteKey, "name", "Shop", "origins", List.of("https://Shop.example.com")))
                .post("/api/v1/admin/sites")
                .then().statusCode(201)
                .header("Location", endsWith("/api/v1/admin/sites/" + siteKey))
                .body("siteKey", equalTo(siteKey))
                .body("origins", contains("https://shop.example.com"))
                .body("categories.key", contains("necessary", "functional", "analytics", "marketing"))
                .body("categories[0].required", equalTo(true))
                .body("impliedConsentCategories", contains("functional", "analytics", "marketing"))
                .body("createdAt", notNullValue());

        asAdmin().get("/api/v1/admin/sites/" + siteKey).then().statusCode(200).body("name", equalTo("Shop"));
        asAdmin().get("/api/v1/admin/sites").then().statusCode(200).body("siteKey", hasItem(siteKey));
    }

    @Test
    void aDuplicateSiteKeyIsAConflict() {
        String siteKey = Api.createSite();
        asAdmin().body(Map.of("siteKey", siteKey, "name", "Again"))
                .post("/api/v1/admin/sites")
                .then().statusCode(409).contentType("application/problem+json")
                .body("status", equalTo(409)).body("type", equalTo("/problems/conflict"));
    }

    @Test
    void anInvalidSiteKeyIsRejectedNamingTheFieldAndWritesNothing() {
        long before = Rows.count(dataSource, "select count(*) from site");
        asAdmin().body(Map.of("siteKey", "Bad Key!", "name", ""))
                .post("/api/v1/admin/sites")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", contains("name", "siteKey"));
        org.assertj.core.api.Assertions.assertThat(Rows.count(dataSource, "select count(*) from site")).isEqualTo(before);
    }

    @Test
    void updatingASiteChangesItsSettingsAndLogsBeforeAndAfter() {
        String siteKey = Api.createSite();
        asAdmin().body(Map.of("name", "Renamed", "origins", List.of("https://a.example.com"),
                        "categories", List.of("analytics", "marketing"), "impliedConsentCategories", List.of("analytics")))
                .put("/api/v1/admin/sites/" + siteKey)
                .then().statusCode(200)
                .body("name", equalTo("Renamed"))
                .body("categories.key", contains("necessary", "analytics", "marketing"))
                .body("impliedConsentCategories", contains("analytics"));
        org.assertj.core.api.Assertions.assertThat(Rows.count(dataSource,
                "select count(*) from admin_log where target = ? and action = 'SITE_UPDATED' "
                        + "and before ->> 'name' like 'Example %' and after ->> 'name' = 'Renamed'", siteKey))
                .isEqualTo(1);
    }

    @Test
    void unknownJsonFieldsAreRejected() {
        asAdmin().body(Map.of("siteKey", Api.freshSiteKey(), "name", "X", "owner", "me"))
                .post("/api/v1/admin/sites")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("owner"));
    }

    @Test
    void malformedJsonIsABadRequestWithoutInternals() {
        asAdmin().body("{\"siteKey\": ").post("/api/v1/admin/sites")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", equalTo("The request body is not valid JSON"));
    }

    @Test
    void anOriginLongerThanAHostNameCanBeIsRejected() {
        String siteKey = Api.freshSiteKey();
        asAdmin().body(Map.of("siteKey", siteKey, "name", "Long", "origins", List.of("https://" + "a".repeat(254))))
                .post("/api/v1/admin/sites")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", contains("origins[0]"));
        org.assertj.core.api.Assertions.assertThat(Rows.count(dataSource, "select count(*) from site where site_key = ?",
                siteKey)).isZero();
    }

    @Test
    void anUnknownSiteIsNotFound() {
        asAdmin().get("/api/v1/admin/sites/no-such-site").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void withoutATokenAdminEndpointsAreUnauthorized() {
        given().contentType(ContentType.JSON).get("/api/v1/admin/sites").then().statusCode(401);
    }
}
