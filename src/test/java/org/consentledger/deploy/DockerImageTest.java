package org.consentledger.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** docker/Dockerfile.jvm and .dockerignore: what the image holds, how it runs, and what it is told. */
class DockerImageTest {

    private static ServiceSettings settings;

    @BeforeAll
    static void loadSettings() {
        settings = ServiceSettings.load();
    }

    @Test
    void theImageIsAJreWithoutBuildTools() throws Exception {
        Dockerfile dockerfile = Dockerfile.read();
        assertThat(dockerfile.only("FROM")).isEqualTo("eclipse-temurin:17-jre");
        assertThat(dockerfile.all("RUN")).allSatisfy(run -> assertThat(run)
                .doesNotContainPattern("apt-get|apk |mvn|gradle|jdk|gcc|make "));
    }

    @Test
    void itRunsAsANumericNonRootUserAndExposesTheHttpPort() throws Exception {
        Dockerfile dockerfile = Dockerfile.read();
        assertThat(dockerfile.only("USER")).matches("[1-9][0-9]*(:[0-9]+)?");
        assertThat(dockerfile.only("EXPOSE")).isEqualTo("8080 9000");
        assertThat(dockerfile.only("WORKDIR")).isEqualTo("/app");
    }

    @Test
    void theFastJarIsCopiedInLayersFromTheLeastToTheMostChanging() throws Exception {
        List<List<String>> copies = Dockerfile.read().copies();
        assertThat(copies.subList(0, 4)).containsExactly(
                List.of("target/quarkus-app/lib/", "/app/lib/"),
                List.of("target/quarkus-app/*.jar", "/app/"),
                List.of("target/quarkus-app/app/", "/app/app/"),
                List.of("target/quarkus-app/quarkus/", "/app/quarkus/"));
    }

    @Test
    void theHealthCheckAsksReadinessAndTheEntrypointRunsTheJar() throws Exception {
        Dockerfile dockerfile = Dockerfile.read();
        assertThat(String.join(" ", dockerfile.healthcheck())).contains("/q/health/ready").contains(" 200 ");
        assertThat(dockerfile.healthcheck().get(0)).isEqualTo("bash");
        List<String> entrypoint = dockerfile.entrypoint();
        assertThat(entrypoint.get(0)).isEqualTo("java");
        assertThat(entrypoint.subList(entrypoint.size() - 2, entrypoint.size())).containsExactly("-jar", "/app/quarkus-run.jar");
    }

    @Test
    void everyVariableTheImageSetsIsOneTheServiceReads() throws Exception {
        assertThat(Dockerfile.read().env()).isNotEmpty()
                .allSatisfy((name, value) -> assertThat(settings.reads(name)).as(name).isTrue());
    }

    @Test
    void theImageServesTheMetricsPortOnEveryInterfaceForAScraperInAnotherContainer() throws Exception {
        assertThat(Dockerfile.read().env()).containsEntry("QUARKUS_MANAGEMENT_HOST", "0.0.0.0");
    }

    @Test
    void theBuildContextHoldsWhatTheImageCopiesAndNoDataKeysOrHistory() throws Exception {
        DockerIgnore ignore = DockerIgnore.read();
        assertThat(List.of("target/quarkus-app/lib/main/io.quarkus.quarkus-core-3.33.2.jar", "target/quarkus-app/quarkus-run.jar",
                "target/quarkus-app/app/consent-ledger-1.0.0-SNAPSHOT.jar", "target/quarkus-app/quarkus/generated-bytecode.jar",
                "target/consent-ledger-1.0.0-SNAPSHOT-verifier.jar")).allSatisfy(p -> assertThat(ignore.sends(p)).as(p).isTrue());
        assertThat(List.of("data/ledger/signing-key.pem", "data/postgres/PG_VERSION", "data/dev-jwt/private.pem", ".git/config",
                ".idea/workspace.xml", ".vscode/settings.json", "target/classes/application.properties",
                "target/test-classes/test-jwt/private.pem", "target/quarkus-app/signing-key.pem", "docker/secrets/jwt-public.pem",
                "docker/.env", "src/main/java/org/consentledger/Main.java"))
                .allSatisfy(p -> assertThat(ignore.sends(p)).as(p).isFalse());
    }
}
