package org.consentledger.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * docker/compose.yml ships an identity provider (Keycloak) for a trial: its realm issues tokens
 * the service accepts (issuer, keys, a "groups" array, a lifetime within the service's bound), for
 * users with no password in the repository.
 */
class ComposeIdentityProviderTest {

    private static final Pattern DEFAULT = Pattern.compile("\\$\\{[A-Z_]+:-([^}]*)}");

    @Test
    @SuppressWarnings("unchecked")
    void keycloakImportsARealmWhoseIssuerAndKeysTheServiceIsGiven() throws IOException {
        Map<String, Object> keycloak = ComposeFileTest.service("keycloak");
        assertThat((List<String>) keycloak.get("command")).contains("--import-realm");
        assertThat((List<String>) keycloak.get("volumes")).contains("./keycloak:/opt/keycloak/data/import:ro");
        assertThat(keycloak).containsKey("healthcheck");
        Map<String, String> idp = (Map<String, String>) keycloak.get("environment");
        URI hostname = URI.create(idp.get("KC_HOSTNAME"));
        assertThat((List<String>) keycloak.get("ports")).containsExactly("127.0.0.1:" + hostname.getPort() + ":8080");

        String realm = realm().get("realm").asText();
        Map<String, String> ledger = ComposeFileTest.environment("ledger");
        assertThat(defaultOf(ledger.get("MP_JWT_VERIFY_ISSUER"))).isEqualTo(hostname + "/realms/" + realm);
        assertThat(defaultOf(ledger.get("MP_JWT_VERIFY_PUBLICKEY_LOCATION")))
                .isEqualTo("http://keycloak:8080/realms/" + realm + "/protocol/openid-connect/certs");
    }

    @Test
    void theRealmsTokensCarryTheGroupsClaimAsAnArrayOfGroupNames() throws IOException {
        JsonNode realm = realm();
        JsonNode client = realm.get("clients").get(0);
        assertThat(client.get("directAccessGrantsEnabled").asBoolean()).as("a token with curl").isTrue();
        assertThat(client.get("publicClient").asBoolean()).as("no client secret to keep").isTrue();
        JsonNode mapper = client.get("protocolMappers").get(0);
        assertThat(mapper.get("protocolMapper").asText()).isEqualTo("oidc-group-membership-mapper");
        assertThat(mapper.get("config").get("claim.name").asText()).isEqualTo("groups");
        assertThat(mapper.get("config").get("full.path").asText()).as("admin, not /admin").isEqualTo("false");
        assertThat(mapper.get("config").get("access.token.claim").asText()).isEqualTo("true");
        assertThat(realm.get("groups").findValuesAsText("name")).contains("admin", "auditor");
        assertThat(realm.get("users").findValues("groups").stream().map(JsonNode::toString))
                .containsExactlyInAnyOrder("[\"/admin\"]", "[\"/auditor\"]");
        assertThat(Duration.ofSeconds(realm.get("accessTokenLifespan").asLong())).as("within CONSENT_TOKENS_MAX_LIFETIME")
                .isLessThanOrEqualTo(Duration.ofHours(1));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theTrialUsersPasswordsComeFromDockerEnvNotTheRepository() throws IOException {
        Map<String, String> idp = (Map<String, String>) ComposeFileTest.service("keycloak").get("environment");
        for (JsonNode user : realm().get("users")) {
            String password = user.get("credentials").get(0).get("value").asText();
            Matcher placeholder = Pattern.compile("\\$\\{([A-Z_]+)}").matcher(password);
            assertThat(placeholder.matches()).as(user.get("username") + "'s password is a placeholder").isTrue();
            assertThat(idp.get(placeholder.group(1))).as(placeholder.group(1)).matches("\\$\\{" + placeholder.group(1) + ":\\?.+}");
            assertThat(user.get("firstName")).as("a complete profile, or Keycloak refuses the sign-in").isNotNull();
        }
    }

    private static JsonNode realm() throws IOException {
        try (var files = Files.list(ComposeFileTest.PATH.getParent().resolve("keycloak"))) {
            List<Path> realms = files.filter(p -> p.toString().endsWith(".json")).toList();
            assertThat(realms).hasSize(1);
            return new ObjectMapper().readTree(realms.get(0).toFile());
        }
    }

    private static String defaultOf(String composeValue) {
        Matcher m = DEFAULT.matcher(composeValue);
        return m.matches() ? m.group(1) : composeValue;
    }
}
