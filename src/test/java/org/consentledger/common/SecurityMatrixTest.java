package org.consentledger.common;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.containsStringIgnoringCase;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import javax.sql.DataSource;

import org.consentledger.support.Api;
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

/** Every protected endpoint against every kind of caller: the right role, the wrong one, none, and forged tokens. */
@QuarkusTest
class SecurityMatrixTest {

    /** One protected endpoint: the role it needs and how to call it validly on a given site. */
    record Endpoint(String name, String role, String method, Function<String, String> path,
            Function<String, Object> body) {

        @Override
        public String toString() {
            return method + " " + name;
        }

        Response call(RequestSpecification request, String siteKey) {
            RequestSpecification spec = request.contentType(ContentType.JSON);
            Object payload = body.apply(siteKey);
            if (payload != null) {
                spec = spec.body(payload);
            }
            return spec.request(method, path.apply(siteKey));
        }

        /** The role that is not this one: an admin at the auditor's door and the other way round. */
        String otherRole() {
            return role.equals(Roles.ADMIN) ? Roles.AUDITOR : Roles.ADMIN;
        }
    }

    @Inject
    DataSource dataSource;

    static Stream<Endpoint> endpoints() {
        String admin = Roles.ADMIN;
        String auditor = Roles.AUDITOR;
        String sites = "/api/v1/admin/sites";
        String audit = "/api/v1/audit/sites/";
        return Stream.of(
                new Endpoint("/admin/sites", admin, "POST", k -> sites,
                        k -> Map.of("siteKey", Api.freshSiteKey(), "name", "Created in the matrix")),
                new Endpoint("/admin/sites", admin, "GET", k -> sites, k -> null),
                new Endpoint("/admin/sites/{k}", admin, "GET", k -> sites + "/" + k, k -> null),
                new Endpoint("/admin/sites/{k}", admin, "PUT", k -> sites + "/" + k,
                        k -> Map.of("name", "Renamed in the matrix", "origins", List.of("https://www.example.com"),
                                "categories", List.of("analytics"), "impliedConsentCategories", List.of())),
                new Endpoint("/admin/sites/{k}/policy-versions", admin, "POST", k -> sites + "/" + k + "/policy-versions",
                        k -> Map.of("kind", "COOKIE_POLICY", "version", "matrix-" + UUID.randomUUID(),
                                "title", "Cookies", "url", "https://www.example.com/cookies", "content", "Text")),
                new Endpoint("/admin/sites/{k}/policy-versions", admin, "GET", k -> sites + "/" + k + "/policy-versions",
                        k -> null),
                new Endpoint("/audit/sites/{k}/events", auditor, "GET", k -> audit + k + "/events", k -> null),
                new Endpoint("/audit/sites/{k}/events/export", auditor, "GET", k -> audit + k + "/events/export",
                        k -> null),
                new Endpoint("/audit/sites/{k}/visitors/{uuid}/history", auditor, "GET",
                        k -> audit + k + "/visitors/" + UUID.randomUUID() + "/history", k -> null),
                new Endpoint("/audit/sites/{k}/summary", auditor, "GET", k -> audit + k + "/summary", k -> null),
                new Endpoint("/audit/admin-log", auditor, "GET", k -> "/api/v1/audit/admin-log", k -> null));
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
        return endpoints().flatMap(endpoint -> invalid.entrySet().stream()
                .map(token -> Arguments.of(endpoint, token.getKey(), token.getValue())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpoints")
    void theRightRoleGetsThrough(Endpoint endpoint) {
        String siteKey = Api.siteWithPolicies();
        Response response = endpoint.call(given().auth().oauth2(Tokens.forRole(endpoint.role())), siteKey);

        response.then().log().ifValidationFails(LogDetail.ALL).statusCode(allOf(greaterThanOrEqualTo(200), lessThan(300)));
        assertLeaksNoInternals(response);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpoints")
    void theWrongRoleIsForbiddenAndChangesNothing(Endpoint endpoint) {
        String siteKey = Api.siteWithPolicies();
        long sites = Rows.count(dataSource, "select count(*) from site");
        long versions = Rows.count(dataSource, "select count(*) from policy_version");
        long logEntries = Rows.count(dataSource, "select count(*) from admin_log");

        Response response = endpoint.call(given().auth().oauth2(Tokens.forRole(endpoint.otherRole())), siteKey);

        response.then().log().ifValidationFails(LogDetail.ALL).statusCode(403)
                .contentType("application/problem+json")
                .body("status", equalTo(403))
                .body("type", equalTo("/problems/forbidden"));
        assertLeaksNoInternals(response);
        assertThat(Rows.count(dataSource, "select count(*) from site")).isEqualTo(sites);
        assertThat(Rows.count(dataSource, "select count(*) from policy_version")).isEqualTo(versions);
        assertThat(Rows.count(dataSource, "select count(*) from admin_log")).isEqualTo(logEntries);
        assertThat(Rows.count(dataSource, "select count(*) from site where site_key = ? and name like 'Example %'",
                siteKey)).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpoints")
    void withoutATokenTheCallerIsChallengedForABearerToken(Endpoint endpoint) {
        String siteKey = Api.siteWithPolicies();
        long logEntries = Rows.count(dataSource, "select count(*) from admin_log");

        Response response = endpoint.call(given(), siteKey);

        response.then().log().ifValidationFails(LogDetail.ALL).statusCode(401)
                .header("WWW-Authenticate", startsWith("Bearer"));
        assertLeaksNoInternals(response);
        assertThat(Rows.count(dataSource, "select count(*) from admin_log")).isEqualTo(logEntries);
    }

    @ParameterizedTest(name = "{0} with a token that is {1}")
    @MethodSource("endpointsWithInvalidTokens")
    void anInvalidTokenIsUnauthorized(Endpoint endpoint, String problem, Supplier<String> token) {
        String siteKey = Api.siteWithPolicies();
        long logEntries = Rows.count(dataSource, "select count(*) from admin_log");

        Response response = endpoint.call(given().auth().oauth2(token.get()), siteKey);

        response.then().log().ifValidationFails(LogDetail.ALL).statusCode(401)
                .header("WWW-Authenticate", startsWith("Bearer"))
                .contentType("application/problem+json")
                .body("type", equalTo("/problems/unauthorized"));
        assertLeaksNoInternals(response);
        assertThat(Rows.count(dataSource, "select count(*) from admin_log")).isEqualTo(logEntries);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpoints")
    void aValidTokenWithoutARoleIsForbidden(Endpoint endpoint) {
        String siteKey = Api.siteWithPolicies();
        long logEntries = Rows.count(dataSource, "select count(*) from admin_log");

        Response response = endpoint.call(given().auth().oauth2(Tokens.noRole()), siteKey);

        response.then().log().ifValidationFails(LogDetail.ALL).statusCode(403)
                .contentType("application/problem+json");
        assertLeaksNoInternals(response);
        assertThat(Rows.count(dataSource, "select count(*) from admin_log")).isEqualTo(logEntries);
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

    private static void assertLeaksNoInternals(Response response) {
        response.then()
                .body(not(containsStringIgnoringCase("Exception")))
                .body(not(containsString("at org.")))
                .body(not(containsString("at io.")))
                .body(not(containsString("at java.")));
    }
}
