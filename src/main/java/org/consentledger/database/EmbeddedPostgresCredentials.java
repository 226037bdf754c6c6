package org.consentledger.database;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import jakarta.interceptor.Interceptor;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.arc.Unremovable;
import io.quarkus.credentials.CredentialsProvider;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Supplies the datasource's credentials, and starts the embedded PostgreSQL when the datasource
 * points at the embedded address. It starts the server as it is created, which the datasource
 * does before it asks its pool for a first connection: the pool's acquisition timeout then never
 * covers unpacking the binaries and initdb, however long a fresh machine takes for them.
 * When QUARKUS_DATASOURCE_JDBC_URL points elsewhere, it only hands over the configured
 * username and password and starts nothing.
 */
@Singleton
@Named("embedded-postgres")
@Unremovable
public class EmbeddedPostgresCredentials implements CredentialsProvider {

    /** How long the last resort waits for the application's own shutdown to stop the server. */
    private static final long SHUTDOWN_WAIT_SECONDS = 60;

    private final EmbeddedPostgresConfig config;
    private final String jdbcUrl;
    private final String username;
    private final String password;
    private final CountDownLatch stoppedByApplication = new CountDownLatch(1);
    private volatile boolean applicationStarted;
    private DataDirLock lock;
    private EmbeddedPostgresServer server;
    private boolean stopped;

    EmbeddedPostgresCredentials(EmbeddedPostgresConfig config,
            @ConfigProperty(name = "quarkus.datasource.jdbc.url") String jdbcUrl,
            @ConfigProperty(name = "quarkus.datasource.username", defaultValue = "postgres") String username,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        this.config = config;
        this.jdbcUrl = jdbcUrl;
        this.username = username;
        this.password = password.orElse("");
    }

    @PostConstruct
    void startWhenEmbedded() {
        if (pointsAtEmbeddedServer()) {
            ensureStarted();
        }
    }

    @Override
    public Map<String, String> getCredentials(String credentialsProviderName) {
        if (pointsAtEmbeddedServer()) {
            ensureStarted();
            return Map.of(USER_PROPERTY_NAME, "postgres", PASSWORD_PROPERTY_NAME, "");
        }
        return Map.of(USER_PROPERTY_NAME, username, PASSWORD_PROPERTY_NAME, password);
    }

    boolean pointsAtEmbeddedServer() {
        int port = config.port();
        return jdbcUrl.equals("jdbc:postgresql://127.0.0.1:" + port + "/postgres");
    }

    private synchronized void ensureStarted() {
        if (server != null) {
            return;
        }
        if (stopped) {
            throw new IllegalStateException("The embedded PostgreSQL has been stopped");
        }
        Path dataDir = dataDir();
        lock = DataDirLock.acquire(dataDir);
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopAtExit, "embedded-postgres-at-exit"));
        Path binaries = config.binariesDir().map(Path::of).orElseGet(EmbeddedPostgresServer::defaultBinariesDir);
        server = EmbeddedPostgresServer.start(dataDir, config.port(), binaries);
        Log.infof("Embedded PostgreSQL listening on 127.0.0.1:%d, data in %s", server.port(), server.dataDir());
    }

    /**
     * Root's home is closed to other accounts, so started by root the server keeps its data where
     * system services do, unless a data directory was configured.
     */
    private Path dataDir() {
        if (PostgresAccount.runningAsRoot() && config.dataDir().equals(EmbeddedPostgresConfig.DEFAULT_DATA_DIR)) {
            return Path.of(EmbeddedPostgresConfig.ROOT_DATA_DIR);
        }
        return Path.of(config.dataDir());
    }

    void started(@Observes StartupEvent event) {
        applicationStarted = true;
    }

    /** Runs after every other shutdown observer, so nothing still needs the database. */
    void stop(@Observes @Priority(Interceptor.Priority.LIBRARY_AFTER + 1000) ShutdownEvent event) {
        stopServer();
        stoppedByApplication.countDown();
    }

    /**
     * The last resort, as the JVM exits: a start that failed fires no shutdown event, and its
     * server would outlive it. A started application stops the server itself once it has drained,
     * so this waits for that first rather than pull the database from under queued writes.
     */
    private void stopAtExit() {
        if (applicationStarted) {
            try {
                stoppedByApplication.await(SHUTDOWN_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        stopServer();
    }

    private synchronized void stopServer() {
        stopped = true;
        if (server != null) {
            server.close();
            Log.infof("Embedded PostgreSQL stopped, data kept in %s", server.dataDir());
            server = null;
        }
        if (lock != null) {
            lock.close();
            lock = null;
        }
    }
}
