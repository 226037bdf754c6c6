package org.consentledger.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.consentledger.support.Api;
import org.consentledger.support.LogCapture;
import org.consentledger.support.TestClock;
import org.consentledger.support.Tokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.smallrye.jwt.build.Jwt;

/** Every 401 and 403 is one JSON line in consent.security: why, where, from which network; never a token or an address. */
@QuarkusTest
class SecurityLogTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SITES = "/api/v1/admin/sites";

    @Inject
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void aRequestWithoutATokenIsLoggedOnceWithItsReasonRouteAndNetwork() {
        Map<String, Object> line = onlyLineOf(() -> given().get(SITES), 401);

        assertThat(line).containsEntry("status", 401).containsEntry("reason", "no-token")
                .containsEntry("method", "GET").containsEntry("route", SITES)
                .containsEntry("client", "127.0.0.0/24").containsKey("at");
    }

    @Test
    void eachRejectedTokenIsLoggedWithTheRuleItBrokeAndNothingOfTheToken() {
        Map<String, String> tokens = Map.of(
                "token-lifetime-too-long", Tokens.tenYearLifetime(),
                "token-issued-in-the-future", Tokens.issuedInTheFuture(),
                "token-groups-not-an-array", Tokens.groupsAsAString(),
                "token-expired", Tokens.expired(),
                "invalid-token", Tokens.tampered());
        tokens.forEach((reason, token) -> {
            try (LogCapture log = LogCapture.of(SecurityLog.CATEGORY)) {
                given().auth().oauth2(token).get(SITES).then().statusCode(401);
                assertThat(log.records()).singleElement().satisfies(record -> {
                    String text = LogCapture.message(record);
                    assertThat(parse(text)).containsEntry("reason", reason).containsEntry("status", 401);
                    for (String part : token.split("\\.")) {
                        assertThat(text).doesNotContain(part);
                    }
                    assertThat(text).doesNotContain("Bearer").doesNotContain("127.0.0.1");
                });
            }
        });
    }

    @Test
    void theWrongRoleAndAForeignOriginAreLoggedAs403() {
        String siteKey = Api.siteWithPolicies();

        assertThat(onlyLineOf(() -> Api.asAuditor().get(SITES), 403)).containsEntry("reason", "missing-role");
        assertThat(onlyLineOf(() -> Api.fromCountry("DE").header("Origin", "https://evil.example")
                .body(Api.event("ACCEPT_ALL")).post("/api/v1/sites/" + siteKey + "/events"), 403))
                .containsEntry("reason", "forbidden").containsEntry("method", "POST")
                .containsEntry("route", "/api/v1/sites/" + siteKey + "/events");
    }

    @Test
    void anIssuedAtWithinTheClockSkewIsAcceptedAndBeyondItIsRefusedByTheServicesClock() {
        Instant soon = Instant.now().plusSeconds(30);
        String token = Jwt.issuer("consent-ledger-test").subject("skewed").groups("admin").issuedAt(soon)
                .expiresAt(soon.plusSeconds(600)).sign();
        given().auth().oauth2(token).get(SITES).then().statusCode(200);

        // The service's clock runs five minutes behind: the same token now claims to come from its future.
        clock.advance(Duration.ofMinutes(-5));
        assertThat(onlyLineOf(() -> given().auth().oauth2(token).get(SITES), 401))
                .containsEntry("reason", "token-issued-in-the-future");
    }

    @Test
    void aSiteOutsideAScopedAuditorsScopeIsA404ThatTheSecurityLogNames() {
        String otherSite = Api.createSite();
        Map<String, Object> line = onlyLineOf(() -> given().auth().oauth2(Tokens.withGroups("auditor:some-other-site"))
                .get("/api/v1/audit/sites/" + otherSite + "/events"), 404);
        assertThat(line).containsEntry("status", 404).containsEntry("reason", "outside-scope")
                .containsEntry("route", "/api/v1/audit/sites/" + otherSite + "/events");
    }

    @Test
    void aSuccessfulRequestLogsNothing() {
        try (LogCapture log = LogCapture.of(SecurityLog.CATEGORY)) {
            Api.asAdmin().get(SITES).then().statusCode(200);
            assertThat(log.records()).isEmpty();
        }
    }

    private static Map<String, Object> onlyLineOf(java.util.function.Supplier<Response> request, int status) {
        try (LogCapture log = LogCapture.of(SecurityLog.CATEGORY)) {
            request.get().then().log().ifValidationFails().statusCode(status);
            List<String> lines = log.records().stream().map(LogCapture::message).toList();
            assertThat(lines).hasSize(1);
            assertThat(lines.get(0)).doesNotContain("\n");
            return parse(lines.get(0));
        }
    }

    private static Map<String, Object> parse(String line) {
        try {
            return JSON.readValue(line, new TypeReference<Map<String, Object>>() {
            });
        } catch (java.io.IOException e) {
            throw new AssertionError("not one JSON object: " + line, e);
        }
    }
}
