package org.consentledger.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.consentledger.database.EmbeddedPostgresServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The tests' PostgreSQL: a real server, never a mock. Each service start gets a database of its
 * own on the server that {@link TestDatabases} shares across the test JVM: an embedded one, or
 * CONSENT_TEST_DB_URL's. A test profile that implements {@link OwnPostgres} gets an embedded
 * server of its own instead, whose data directory it finds in {@link #DATA_DIR_PROPERTY}, to kill
 * or freeze it.
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String DATA_DIR_PROPERTY = "consent.test.postgres-data-dir";

    private EmbeddedPostgresServer ownServer;
    private Path ownDataDir;
    private String database;
    private Path stateDir;
    private boolean wantsOwnServer;

    @Override
    public void setContext(Context context) {
        wantsOwnServer = context.testProfile() != null && OwnPostgres.isImplementedBy(context.testProfile());
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = wantsOwnServer ? ownServer() : sharedServer();
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

    private Map<String, String> sharedServer() {
        TestDatabases server = TestDatabases.shared();
        database = server.newDatabase();
        Map<String, String> config = datasource(database, server.user(), server.password());
        // The copy is migrated already: Flyway finds nothing to do.
        config.put("quarkus.flyway.clean-at-start", "false");
        return config;
    }

    private Map<String, String> ownServer() {
        try {
            ownDataDir = Files.createTempDirectory("consent-ledger-test-pg");
            ownServer = EmbeddedPostgresServer.start(ownDataDir, TestDatabases.freePort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> config = datasource(ownServer.jdbcUrl("postgres"), "postgres", "");
        config.put(DATA_DIR_PROPERTY, ownServer.dataDir().toString());
        return config;
    }

    @Override
    public void stop() {
        if (stateDir != null) {
            TestDatabases.deleteRecursively(stateDir);
        }
        if (database != null) {
            TestDatabases.shared().drop(database);
        }
        if (ownServer != null) {
            ownServer.close();
            TestDatabases.deleteRecursively(ownDataDir);
        }
    }

    private static Map<String, String> datasource(String url, String user, String password) {
        Map<String, String> config = new HashMap<>();
        config.put("quarkus.datasource.jdbc.url", url);
        config.put("quarkus.datasource.username", user);
        if (!password.isEmpty()) {
            config.put("quarkus.datasource.password", password);
        }
        return config;
    }
}
