package org.consentledger.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** docker/compose.yml: well-formed, healthy in order, the owner/consent_app split, and only variables the service reads. */
class ComposeFileTest {

    static final Path PATH = Path.of("docker", "compose.yml");
    private static ServiceSettings settings;

    @BeforeAll
    static void loadSettings() {
        settings = ServiceSettings.load();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> compose() throws IOException {
        try (Reader reader = Files.newBufferedReader(PATH)) {
            return (Map<String, Object>) new Yaml().load(reader);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> service(String name) throws IOException {
        return (Map<String, Object>) ((Map<String, Object>) compose().get("services")).get(name);
    }

    @SuppressWarnings("unchecked")
    static Map<String, String> environment(String service) throws IOException {
        return (Map<String, String>) service(service).get("environment");
    }

    @Test
    @SuppressWarnings("unchecked")
    void postgresTheServiceAnIdentityProviderAndAWitnessEachHaveAHealthCheck() throws IOException {
        Map<String, Object> services = (Map<String, Object>) compose().get("services");
        assertThat(services).containsOnlyKeys("postgres", "ledger", "keycloak", "witness");
        services.forEach((name, service) -> assertThat((Map<String, Object>) service).as(name).containsKey("healthcheck"));
        assertThat((String) service("postgres").get("image")).matches("postgres:[0-9.]+-(bookworm|trixie)");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theServicesHealthCheckIsTheImagesOnTheComposePort() throws IOException {
        List<String> image = Dockerfile.read().healthcheck().stream().map(a -> a.replace("${QUARKUS_HTTP_PORT:-8080}", "8080")).toList();
        List<String> compose = (List<String>) ((Map<String, Object>) service("ledger").get("healthcheck")).get("test");
        assertThat(compose.subList(1, compose.size())).isEqualTo(image);
        assertThat((List<String>) service("ledger").get("ports")).containsExactly("8080:8080", "127.0.0.1:9000:9000");
        // Published on the host's loopback only, so inside the container it must listen beyond its own.
        assertThat(environment("ledger")).containsEntry("QUARKUS_MANAGEMENT_HOST", "0.0.0.0");
    }

    @Test
    void theServiceStartsOnlyOnceItsDatabaseIsHealthy() throws IOException {
        assertThat(service("ledger").get("depends_on")).isEqualTo(Map.of("postgres", Map.of("condition", "service_healthy")));
        assertThat(service("witness").get("depends_on")).isEqualTo(Map.of("ledger", Map.of("condition", "service_healthy")));
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyNamedVolumeIsDeclaredAndEveryBindMountExists() throws IOException {
        Map<String, Object> declared = (Map<String, Object>) compose().get("volumes");
        for (String name : List.of("postgres", "ledger", "keycloak", "witness")) {
            for (String volume : (List<String>) service(name).get("volumes")) {
                String source = volume.split(":")[0];
                if (source.startsWith(".")) {
                    assertThat(PATH.getParent().resolve(source)).as(volume).exists();
                } else {
                    assertThat(declared).as(volume).containsKey(source);
                }
            }
        }
    }

    @Test
    void migrationsRunAsTheOwnerAndTheServiceAsConsentAppWhichTheInitScriptCreates() throws IOException {
        Map<String, String> env = environment("ledger");
        assertThat(env).containsEntry("QUARKUS_DATASOURCE_USERNAME", "consent_app")
                .containsEntry("QUARKUS_FLYWAY_USERNAME", "consent_owner")
                .containsEntry("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://postgres:5432/consent");
        String init = Files.readString(PATH.getParent().resolve("initdb/10-roles.sh"));
        assertThat(init).contains("create role consent_owner login", "create role consent_app login",
                "create database consent owner consent_owner");
        assertThat(env.get("QUARKUS_DATASOURCE_PASSWORD")).isEqualTo("${CONSENT_APP_PASSWORD:?set CONSENT_APP_PASSWORD in docker/.env}");
        assertThat(environment("postgres")).containsKeys("CONSENT_APP_PASSWORD", "CONSENT_OWNER_PASSWORD");
    }

    @Test
    void everyVariableTheServiceIsGivenIsOneItReads() throws IOException {
        assertThat(environment("ledger")).isNotEmpty()
                .allSatisfy((name, value) -> assertThat(settings.reads(name)).as(name).isTrue());
    }

    @Test
    @SuppressWarnings("unchecked")
    void theWitnessRunsFromTheVerifierJarWithTheOptionsItKnows() throws Exception {
        Map<String, Object> witness = service("witness");
        List<String> entrypoint = (List<String>) witness.get("entrypoint");
        assertThat(entrypoint).containsExactly("java", "-cp", "/app/verifier/consent-ledger-verifier.jar",
                org.consentledger.witness.WitnessMain.class.getName());
        List<String> options = ((List<Object>) witness.get("command")).stream().map(String::valueOf)
                .filter(a -> a.startsWith("--")).toList();
        assertThat(options).containsExactly("--name", "--key", "--generate-key", "--state", "--port", "--log-key");
        assertThat(Dockerfile.read().copies()).anySatisfy(copy -> assertThat(copy).endsWith("/app/verifier/consent-ledger-verifier.jar"));
    }
}
