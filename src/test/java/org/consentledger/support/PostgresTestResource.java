package org.consentledger.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

import org.consentledger.database.EmbeddedPostgresServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The tests' PostgreSQL: a real server, never a mock. By default an embedded one in a temporary
 * directory; with CONSENT_TEST_DB_URL (and optionally CONSENT_TEST_DB_USER and
 * CONSENT_TEST_DB_PASSWORD) the server at that URL, whose schema the tests wipe and recreate.
 * A test profile that implements {@link OwnPostgres} always gets an embedded server of its own,
 * whose data directory it finds in {@link #DATA_DIR_PROPERTY}, to kill or freeze it.
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String DATA_DIR_PROPERTY = "consent.test.postgres-data-dir";

    private EmbeddedPostgresServer embedded;
    private Path dataDir;
    private Path stateDir;
    private boolean ownServer;

    @Override
    public void setContext(Context context) {
        ownServer = context.testProfile() != null && OwnPostgres.isImplementedBy(context.testProfile());
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new java.util.HashMap<>(database());
        config.put("consent.ledger.state-dir", signerStateDir().toString());
        return config;
    }

    /** Every start gets a fresh database, so its ledger signer must not remember another one's checkpoints. */
    private Path signerStateDir() {
        try {
            stateDir = Files.createTempDirectory("consent-ledger-test-signer");
            return stateDir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Map<String, String> database() {
        String externalUrl = System.getenv("CONSENT_TEST_DB_URL");
        if (!ownServer && externalUrl != null && !externalUrl.isBlank()) {
            return datasource(externalUrl, env("CONSENT_TEST_DB_USER", "postgres"), env("CONSENT_TEST_DB_PASSWORD", ""));
        }
        try {
            dataDir = Files.createTempDirectory("consent-ledger-test-pg");
            embedded = EmbeddedPostgresServer.start(dataDir, freePort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> config = datasource(embedded.jdbcUrl("postgres"), "postgres", "");
        config.put(DATA_DIR_PROPERTY, embedded.dataDir().toString());
        return config;
    }

    @Override
    public void stop() {
        if (stateDir != null) {
            deleteRecursively(stateDir);
        }
        if (embedded != null) {
            embedded.close();
            deleteRecursively(dataDir);
        }
    }

    private static Map<String, String> datasource(String url, String user, String password) {
        Map<String, String> config = new java.util.HashMap<>();
        config.put("quarkus.datasource.jdbc.url", url);
        config.put("quarkus.datasource.username", user);
        if (!password.isEmpty()) {
            config.put("quarkus.datasource.password", password);
        }
        return config;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temp directory is harmless
        }
    }
}
