package org.consentledger.adminlog;

import static org.assertj.core.api.Assertions.assertThat;
import static io.restassured.RestAssured.given;
import static org.consentledger.support.Api.asAdmin;
import static org.consentledger.support.Api.asAuditor;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import javax.sql.DataSource;

import org.consentledger.support.Api;
import org.consentledger.support.Rows;
import org.consentledger.support.Tokens;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.filter.log.LogDetail;
import io.restassured.path.json.JsonPath;

@Tag("database")
@QuarkusTest
class AdminLogResourceTest {

    @Inject
    DataSource dataSource;

    @Test
    void creatingUpdatingAndPublishingAreLoggedWithTheAdminWhoDidIt() {
        String siteKey = Api.createSite();
        asAdmin().body(Map.of("name", "Renamed", "origins", List.of("https://a.example.com"),
                        "categories", List.of("analytics"), "impliedConsentCategories", List.of()))
                .put("/api/v1/admin/sites/" + siteKey).then().statusCode(200);
        String versionId = Api.publish(siteKey, "PRIVACY_POLICY", "1.0", true);
        String sha256 = asAdmin().get("/api/v1/admin/sites/" + siteKey + "/policy-versions/" + versionId)
                .then().statusCode(200).extract().path("sha256");

        List<Map<String, Object>> entries = allEntries().stream()
                .filter(e -> siteKey.equals(e.get("target")) || versionId.equals(e.get("target")))
                .toList();

        assertThat(entries).extracting(e -> e.get("action"))
                .containsExactly("SITE_CREATED", "SITE_UPDATED", "POLICY_VERSION_PUBLISHED");
        assertThat(entries).allSatisfy(e -> {
            assertThat(e).containsEntry("actor", "test-admin");
            assertThat(e.get("at")).isNotNull();
        });
        Map<String, Object> created = entries.get(0);
        assertThat(created).containsEntry("targetType", "SITE").containsEntry("before", null);
        assertThat(field(created, "after", "name")).isEqualTo("Example " + siteKey);

        Map<String, Object> updated = entries.get(1);
        assertThat(updated).containsEntry("targetType", "SITE");
        assertThat(field(updated, "before", "name")).isEqualTo("Example " + siteKey);
        assertThat(field(updated, "before", "origins")).isEqualTo(List.of("https://www.example.com"));
        assertThat(field(updated, "after", "name")).isEqualTo("Renamed");
        assertThat(field(updated, "after", "origins")).isEqualTo(List.of("https://a.example.com"));

        Map<String, Object> published = entries.get(2);
        assertThat(published).containsEntry("targetType", "POLICY_VERSION").containsEntry("before", null);
        assertThat(field(published, "after", "siteKey")).isEqualTo(siteKey);
        assertThat(field(published, "after", "kind")).isEqualTo("PRIVACY_POLICY");
        assertThat(field(published, "after", "version")).isEqualTo("1.0");
        assertThat(field(published, "after", "sha256")).isEqualTo(sha256);

        assertThat(Rows.count(dataSource, "select count(*) from admin_log where actor = 'test-admin' and "
                + "((target = ? and action in ('SITE_CREATED', 'SITE_UPDATED')) "
                + "or (target = ? and action = 'POLICY_VERSION_PUBLISHED' and after ->> 'sha256' = ?))",
                siteKey, versionId, sha256)).isEqualTo(3);
    }

    @Test
    void pagingWithALimitWalksTheWholeLogOnceInOrder() {
        String siteKey = Api.createSite();
        for (int i = 1; i <= 3; i++) {
            asAdmin().body(Map.of("name", "Name " + i, "origins", List.of(),
                            "categories", List.of("analytics"), "impliedConsentCategories", List.of()))
                    .put("/api/v1/admin/sites/" + siteKey).then().statusCode(200);
        }
        List<Long> idsInDatabase = ids("select id from admin_log order by id");

        JsonPath first = asAuditor().queryParam("limit", "2").get("/api/v1/audit/admin-log")
                .then().log().ifValidationFails(LogDetail.ALL).statusCode(200)
                .body("items", hasSize(2))
                .body("nextCursor", notNullValue())
                .extract().jsonPath();
        assertThat(first.getList("items.id", Long.class)).isEqualTo(idsInDatabase.subList(0, 2));

        List<Long> seen = new ArrayList<>(first.getList("items.id", Long.class));
        String cursor = first.getString("nextCursor");
        while (cursor != null) {
            JsonPath page = asAuditor().queryParam("limit", "2").queryParam("cursor", cursor).get("/api/v1/audit/admin-log")
                    .then().statusCode(200).extract().jsonPath();
            List<Long> items = page.getList("items.id", Long.class);
            assertThat(items).hasSizeBetween(1, 2);
            seen.addAll(items);
            cursor = page.getString("nextCursor");
        }

        assertThat(seen).isEqualTo(idsInDatabase);
        assertThat(Rows.count(dataSource, "select count(*) from admin_log where target = ? and action = 'SITE_UPDATED'",
                siteKey)).isEqualTo(3);
    }

    @Test
    void aScopedAuditorPagesThroughOnlyTheEntriesAboutItsSites() {
        String prefix = "news" + Api.freshSiteKey().substring("site".length());
        String newsA = Api.createSite(prefix + "-a");
        String shop = Api.createSite();
        String newsB = Api.createSite(prefix + "-b");
        List<String> versions = new ArrayList<>();
        for (String siteKey : List.of(newsA, shop, newsB)) {
            asAdmin().body(Map.of("name", "Renamed", "origins", List.of(), "categories", List.of("analytics"),
                    "impliedConsentCategories", List.of())).put("/api/v1/admin/sites/" + siteKey).then().statusCode(200);
            versions.add(Api.publish(siteKey, "PRIVACY_POLICY", "1.0", true));
        }
        List<Long> aboutTheAgencysSites = ids("select id from admin_log where target in ('" + newsA + "', '" + newsB
                + "', '" + versions.get(0) + "', '" + versions.get(2) + "') order by id");

        List<Map<String, Object>> seen = allEntries(Tokens.withGroups("auditor:" + prefix + "-*"), "2");

        assertThat(seen).extracting(e -> ((Number) e.get("id")).longValue()).isEqualTo(aboutTheAgencysSites);
        assertThat(seen).hasSize(6).extracting(e -> e.get("action")).containsExactly("SITE_CREATED", "SITE_CREATED",
                "SITE_UPDATED", "POLICY_VERSION_PUBLISHED", "SITE_UPDATED", "POLICY_VERSION_PUBLISHED");
        assertThat(allEntries(Tokens.withGroups("auditor:" + shop), "1")).extracting(e -> e.get("target"))
                .containsExactly(shop, shop, versions.get(1));
        assertThat(allEntries(Tokens.withGroups("auditor:" + prefix + "-z*"), "2")).isEmpty();
    }

    @Test
    void aBadLimitOrCursorIsABadRequestNamingIt() {
        asAuditor().queryParam("limit", "0").get("/api/v1/audit/admin-log")
                .then().statusCode(400).contentType("application/problem+json").body("errors.field", contains("limit"));
        asAuditor().queryParam("limit", "1001").get("/api/v1/audit/admin-log")
                .then().statusCode(400).body("errors.field", contains("limit"));
        asAuditor().queryParam("cursor", "not-a-cursor").get("/api/v1/audit/admin-log")
                .then().statusCode(400).body("errors.field", contains("cursor"))
                .body("type", equalTo("/problems/validation-failed"));
    }

    /** Every entry, oldest first, following the cursor with the largest page the API allows. */
    private static List<Map<String, Object>> allEntries() {
        return allEntries(Tokens.auditor(), "1000");
    }

    /** Every entry this token may see, oldest first, following the cursor with pages of this size. */
    private static List<Map<String, Object>> allEntries(String token, String limit) {
        List<Map<String, Object>> entries = new ArrayList<>();
        String cursor = null;
        do {
            var request = given().auth().oauth2(token).queryParam("limit", limit);
            if (cursor != null) {
                request = request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get("/api/v1/audit/admin-log").then().statusCode(200).extract().jsonPath();
            entries.addAll(page.getList("items"));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        return entries;
    }

    @SuppressWarnings("unchecked")
    private static Object field(Map<String, Object> entry, String side, String name) {
        return ((Map<String, Object>) entry.get(side)).get(name);
    }

    private List<Long> ids(String sql) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
            List<Long> ids = new ArrayList<>();
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
            return ids;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
