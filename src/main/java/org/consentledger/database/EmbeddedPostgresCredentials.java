package org.consentledger.database;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Named;
import jakarta.interceptor.Interceptor;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.arc.Unremovable;
import io.quarkus.credentials.CredentialsProvider;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;

/**
 * Supplies the datasource's credentials, and starts the embedded PostgreSQL the first time a
 * connection is needed when the datasource points at the embedded address. Doing it here, rather
 * than in a startup observer, guarantees the server is up before Flyway and Hibernate connect.
 * When QUARKUS_DATASOURCE_JDBC_URL points elsewhere, it only hands over the configured
 * username and password and starts nothing.
 */
@ApplicationScoped
@Named("embedded-postgres")
@Unremovable
public class EmbeddedPostgresCredentials implements CredentialsProvider {

    private final EmbeddedPostgresConfig config;
    private final String jdbcUrl;
    private final String username;
    private final String password;
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
        server = EmbeddedPostgresServer.start(dataDir(), config.port());
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

    /** Runs after every other shutdown observer, so nothing still needs the database. */
    synchronized void stop(@Observes @Priority(Interceptor.Priority.LIBRARY_AFTER + 1000) ShutdownEvent event) {
        stopped = true;
        if (server != null) {
            server.close();
            Log.infof("Embedded PostgreSQL stopped, data kept in %s", server.dataDir());
            server = null;
        }
    }
}
