package org.consentledger.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.containsStringIgnoringCase;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import javax.sql.DataSource;

import org.consentledger.support.Api;
import org.consentledger.support.Ledger;
import org.consentledger.support.Rows;
import org.consentledger.support.Tokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.filter.log.LogDetail;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Every protected endpoint against every kind of caller, as the role matrix in docs/api.md says: global
 * and site-scoped roles, no role, no token, and forged tokens. {@link RoleMatrixTest} checks that
 * the table leaves no endpoint out.
 */
@QuarkusTest
class SecurityMatrixTest {

    /** What a site outside the caller's scope answers: word for word what an unknown site answers. */
    private static final String NO_SUCH_SITE = "No site with this siteKey";

    /** The account the visitor of "news-a" is linked to, for the identity and person's-records rows. */
    private static final String USER_ID = "matrix-user@example.com";

    private static final Map<String, RoleMatrix.Tenants> SHARED_TENANTS = new ConcurrentHashMap<>();

    @Inject
    DataSource dataSource;

    static Stream<Arguments> cells() {
        return RoleMatrix.fromApiReference().stream().flatMap(row -> row.expected().entrySet().stream()
                .map(cell -> Arguments.of(row.endpoint(), cell.getKey(), cell.getValue())));
    }

    static Stream<Arguments> endpointsWithInvalidTokens() {
        Map<String, Supplier<String>> invalid = Map.of(
                "expired", Tokens::expired,
                "wrong issuer", Tokens::wrongIssuer,
                "foreign key", Tokens::foreignKey,
                "tampered", Tokens::tampered,
                "valid for ten years", Tokens::tenYearLifetime,
                "issued in the future", Tokens::issuedInTheFuture,
                "of groups given as a string", Tokens::groupsAsAString);
        return RoleMatrix.fromApiReference().stream().flatMap(row -> invalid.entrySet().stream()
                .map(token -> Arguments.of(row.endpoint(), token.getKey(), token.getValue())));
    }

    @ParameterizedTest(name = "{0} as {1}: {2}")
    @MethodSource("cells")
    void everyCallerGetsWhatTheRoleMatrixSays(String endpoint, RoleMatrix.Caller caller, int expected) {
        boolean mayWrite = !endpoint.startsWith("GET ") && expected < 400;
        RoleMatrix.Tenants tenants = mayWrite ? tenants(endpoint) : sharedTenants(endpoint);
        Counts before = counts();
        String token = caller.tokenFor(tenants);

        Response response = call(endpoint, token == null ? given() : given().auth().oauth2(token), tenants);

        response.then().log().ifValidationFails(LogDetail.ALL).statusCode(expected);
        assertLeaksNoInternals(response);
        if (expected >= 400) {
            response.then().contentType("application/problem+json").body("status", equalTo(expected));
            assertThat(counts()).as("a refused call writes nothing").isEqualTo(before);
            assertThat(Rows.count(dataSource, "select count(*) from site where site_key = ? and name = ?",
                    tenants.siteKey(), "Example " + tenants.siteKey())).isEqualTo(1);
        }
        if (expected == 401) {
            response.then().header("WWW-Authenticate", startsWith("Bearer"));
        }
        if (expected == 403) {
            response.then().body("type", equalTo("/problems/forbidden"));
        }
        if (expected == 404) {
            response.then().body("type", equalTo("/problems/not-found")).body("detail", equalTo(NO_SUCH_SITE));
        }
    }

    @ParameterizedTest(name = "{0} with a token that is {1}")
    @MethodSource("endpointsWithInvalidTokens")
    void anInvalidTokenIsUnauthorized(String endpoint, String problem, Supplier<String> token) {
        RoleMatrix.Tenants tenants = sharedTenants(endpoint);
        Counts before = counts();

        Response response = call(endpoint, given().auth().oauth2(token.get()), tenants);

        response.then().log().ifValidationFails(LogDetail.ALL).statusCode(401)
                .header("WWW-Authenticate", startsWith("Bearer"))
                .contentType("application/problem+json")
                .body("type", equalTo("/problems/unauthorized"));
        assertLeaksNoInternals(response);
        assertThat(counts()).isEqualTo(before);
    }

    @Test
    void theBannerEndpointsWorkWithoutAToken() {
        String siteKey = Api.siteWithPolicies();
        UUID visitor = UUID.randomUUID();

        Response notice = Api.fromCountry("DE").get("/api/v1/sites/" + siteKey + "/notice");
        notice.then().log().ifValidationFails(LogDetail.ALL).statusCode(200).body("siteKey", equalTo(siteKey));
        Response recorded = Api.fromCountry("DE").body(Api.event("ACCEPT_ALL", visitor))
                .post("/api/v1/sites/" + siteKey + "/events");
        recorded.then().log().ifValidationFails(LogDetail.ALL).statusCode(201);
        Response consent = Api.fromCountry("DE").get("/api/v1/sites/" + siteKey + "/visitors/" + visitor + "/consent");
        consent.then().log().ifValidationFails(LogDetail.ALL).statusCode(200)
                .body("outcome.basis", equalTo("EXPLICIT"));

        assertThat(Rows.count(dataSource, "select count(*) from consent_event e join site s on s.id = e.site_id "
                + "where s.site_key = ? and e.visitor_id = ?", siteKey, visitor)).isEqualTo(1);
        List.of(notice, recorded, consent).forEach(SecurityMatrixTest::assertLeaksNoInternals);
    }

    @Test
    void anUnknownPathIsNotFoundEvenWithAToken() {
        Response response = given().auth().oauth2(Tokens.admin()).get("/api/v1/admin/no-such-thing");

        response.then().log().ifValidationFails(LogDetail.ALL).statusCode(404);
        assertLeaksNoInternals(response);
    }

    @Test
    void theDevTokenEndpointDoesNotExistOutsideDevMode() {
        Response response = given().queryParam("role", Roles.ADMIN).post("/dev/token");

        response.then().log().ifValidationFails(LogDetail.ALL).statusCode(404);
        assertLeaksNoInternals(response);
    }

    @Test
    void aMethodNoResourceDeclaresIsNotAllowedAndDeletesNothing() {
        String siteKey = Api.createSite();

        Response response = Api.asAdmin().delete("/api/v1/admin/sites/" + siteKey);

        response.then().log().ifValidationFails(LogDetail.ALL).statusCode(405);
        assertLeaksNoInternals(response);
        assertThat(Rows.count(dataSource, "select count(*) from site where site_key = ?", siteKey)).isEqualTo(1);
    }

    /** Rows in the tables admins write to, to show that a refused call wrote nothing. */
    record Counts(long sites, long policyVersions, long adminLogEntries) {
    }

    private Counts counts() {
        return new Counts(Rows.count(dataSource, "select count(*) from site"),
                Rows.count(dataSource, "select count(*) from policy_version"),
                Rows.count(dataSource, "select count(*) from admin_log"));
    }

    /**
     * The sites of an endpoint's cells that cannot change them: reads, and calls the matrix expects
     * to be refused (each checks that nothing was written). A call that may write gets
     * {@link #tenants(String) fresh ones}.
     */
    private static RoleMatrix.Tenants sharedTenants(String endpoint) {
        return SHARED_TENANTS.computeIfAbsent(endpoint, SecurityMatrixTest::tenants);
    }

    /**
     * Fresh sites for one cell: "news-a" (the site the row names, with a privacy policy, terms of
     * use and one visitor's event) under its own prefix, and "shop". A ledger row also needs a
     * signed checkpoint with at least one leaf in it.
     */
    private static RoleMatrix.Tenants tenants(String endpoint) {
        String prefix = "news" + Api.freshSiteKey().substring("site".length());
        String siteKey = Api.createSite(prefix + "-a");
        String versionId = Api.publish(siteKey, "PRIVACY_POLICY", "1.0", true);
        Api.publish(siteKey, "TERMS_OF_USE", "1.0", true);
        String otherSiteKey = Api.createSite("shop" + Api.freshSiteKey().substring("site".length()));
        UUID visitor = UUID.randomUUID();
        Map<String, Object> event = Api.event("ACCEPT_ALL", visitor);
        Api.fromCountry("DE").body(event).post("/api/v1/sites/" + siteKey + "/events").then().statusCode(201);
        if (endpoint.contains("/identities") || endpoint.contains("/users/")) {
            given().auth().oauth2(Tokens.service()).contentType(ContentType.JSON)
                    .body(Map.of("visitorId", visitor.toString(), "userId", USER_ID))
                    .post("/api/v1/sites/" + siteKey + "/identities").then().statusCode(201);
        }
        if (endpoint.contains("{webhookId}")) {
            String webhooks = "/api/v1/admin/sites/" + siteKey + "/webhooks";
            String webhookId = Api.asAdmin().body(Map.of("url", "https://receiver.example/hook",
                    "events", List.of("consent.changed"))).post(webhooks).then().statusCode(201).extract().path("id");
            Api.asAdmin().post(webhooks + "/" + webhookId + "/test").then().statusCode(202);
        }
        if ((endpoint.contains("/ledger/") || endpoint.endsWith("/evidence")) && !aCheckpointHasLeaves()) {
            Ledger.awaitInclusion(UUID.fromString((String) event.get("eventId")));
        }
        return new RoleMatrix.Tenants(prefix, siteKey, otherSiteKey, versionId, visitor);
    }

    private static boolean aCheckpointHasLeaves() {
        Response checkpoint = given().get("/api/v1/ledger/checkpoint");
        return checkpoint.statusCode() == 200 && Long.parseLong(checkpoint.asString().split("\n")[1]) > 0;
    }

    /** Calls "METHOD /path/{template}" on the cell's site, with a valid body and query where it needs them. */
    private static Response call(String endpoint, RequestSpecification request, RoleMatrix.Tenants t) {
        String method = endpoint.substring(0, endpoint.indexOf(' '));
        String path = endpoint.substring(endpoint.indexOf(' ') + 1).replace("{siteKey}", t.siteKey())
                .replace("{id}", t.versionId()).replace("{visitorId}", t.visitorId().toString())
                .replace("{language}", "en").replace("{version}", "1").replace("{userId}", USER_ID);
        if (path.contains("{webhookId}")) {
            String webhooks = "/api/v1/admin/sites/" + t.siteKey() + "/webhooks";
            String webhookId = Api.asAdmin().get(webhooks).then().statusCode(200).extract().path("[0].id");
            Object deliveryId = Api.asAdmin().get(webhooks + "/" + webhookId + "/deliveries").then().statusCode(200)
                    .extract().path("items[0].id");
            path = path.replace("{webhookId}", webhookId).replace("{deliveryId}", String.valueOf(deliveryId));
        }
        if (path.contains("{noticeId}")) {
            path = path.replace("{noticeId}", Api.fromCountry("DE").get("/api/v1/sites/" + t.siteKey() + "/notice")
                    .then().statusCode(200).extract().<String>path("noticeId"));
        }
        RequestSpecification spec = request.contentType(ContentType.JSON);
        switch (endpoint) {
            case "POST /api/v1/admin/sites" -> spec = spec.body(Map.of("siteKey", t.prefix() + "-new",
                    "name", "Created in the matrix"));
            case "PUT /api/v1/admin/sites/{siteKey}" -> spec = spec.body(Map.of("name", "Renamed in the matrix",
                    "origins", List.of("https://www.example.com"), "categories", List.of("analytics"),
                    "impliedConsentCategories", List.of()));
            case "POST /api/v1/admin/sites/{siteKey}/policy-versions" -> spec = spec.body(Map.of("kind", "COOKIE_POLICY",
                    "version", "matrix-1", "title", "Cookies", "url", "https://www.example.com/cookies", "content", "Text"));
            case "POST /api/v1/admin/sites/{siteKey}/policy-versions/{id}/translations" -> spec = spec.body(Map.of(
                    "language", "de", "title", "Datenschutz", "url", "https://www.example.com/de", "content", "Text"));
            case "POST /api/v1/admin/sites/{siteKey}/banner-texts" -> spec = spec.body(Map.of("language", "de",
                    "texts", Map.of("heading", "Hallo")));
            case "POST /api/v1/admin/jurisdiction-rules" -> spec = spec.body(given().auth().oauth2(Tokens.auditor())
                    .get("/api/v1/admin/jurisdiction-rules/1").then().statusCode(200).extract().<Map<String, Object>>path("rules"));
            case "POST /api/v1/admin/sites/{siteKey}/webhooks" -> spec = spec.body(Map.of(
                    "url", "https://receiver.example/matrix", "events", List.of("consent.changed")));
            case "POST /api/v1/admin/sites/{siteKey}/webhooks/{webhookId}/replay" -> spec = spec.body(Map.of(
                    "from", "2020-01-01T00:00:00Z"));
            case "POST /api/v1/sites/{siteKey}/identities" -> spec = spec.body(Map.of(
                    "visitorId", UUID.randomUUID().toString(), "userId", USER_ID));
            case "GET /api/v1/audit/sites/{siteKey}/reconsent" -> spec = spec.queryParam("versionId", t.versionId());
            case "GET /api/v1/admin/sites/{siteKey}/policy-versions/diff" -> spec = spec.queryParam("from", t.versionId())
                    .queryParam("to", t.versionId());
            case "GET /api/v1/admin/sites/{siteKey}/notice-preview" -> spec = spec.queryParam("regime", "EEA");
            case "GET /api/v1/sites/{siteKey}/decisions" -> spec = spec.queryParam("visitorId", t.visitorId().toString());
            case "POST /api/v1/sites/{siteKey}/decisions/query" -> spec = spec.body(Map.of("subjects",
                    List.of(Map.of("visitorId", t.visitorId().toString()))));
            case "GET /api/v1/ledger/proof/inclusion" -> spec = spec.queryParam("seq", 0);
            case "GET /api/v1/ledger/proof/consistency" -> spec = spec.queryParam("from", 0);
            default -> {
            }
        }
        return spec.request(method, path);
    }

    private static void assertLeaksNoInternals(Response response) {
        response.then()
                .body(not(containsStringIgnoringCase("Exception")))
                .body(not(containsString("at org.")))
                .body(not(containsString("at io.")))
                .body(not(containsString("at java.")));
    }
}
