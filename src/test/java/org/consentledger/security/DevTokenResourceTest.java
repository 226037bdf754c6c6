package org.consentledger.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** The local profile's dev tokens fit the service's token rules, so a newcomer's token works. */
@QuarkusTest
class DevTokenResourceTest {

    @Inject
    TokensConfig tokens;

    @Test
    void aDevTokenLivesAsLongAsTheMaximumLifetimeAndIsAccepted() {
        DevTokenResource devTokens = new DevTokenResource(() -> true, tokens);

        DevTokenResource.Token admin = devTokens.issue(Roles.ADMIN, null);

        assertThat(admin.expiresInSeconds()).isEqualTo(3600);
        given().auth().oauth2(admin.token()).get("/api/v1/admin/sites").then().log().ifValidationFails().statusCode(200);
    }

    @Test
    void aDevServiceTokenIsIssuedButOpensNoAdminEndpoint() {
        DevTokenResource devTokens = new DevTokenResource(() -> true, tokens);

        DevTokenResource.Token service = devTokens.issue("service:news-*", null);

        assertThat(service.role()).isEqualTo("service:news-*");
        given().auth().oauth2(service.token()).get("/api/v1/admin/sites").then().log().ifValidationFails().statusCode(403);
    }
}
