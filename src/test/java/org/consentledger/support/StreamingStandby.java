package org.consentledger.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.consentledger.database.PostgresAccount;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A scratch PostgreSQL primary and a streaming standby cloned from it with pg_basebackup -R, both
 * run with Debian's PostgreSQL 15 programs (as {@link PostgresAccount#NAME} when the tests run as
 * root, since PostgreSQL refuses root). The service's main datasource points at the primary, its
 * datasource "audit" at the standby. Every process is stopped through pg_ctl on its data directory.
 */
public class StreamingStandby implements QuarkusTestResourceLifecycleManager {

    public static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");
    public static final String PRIMARY_URL = "consent.test.primary-url";
    public static final String STANDBY_URL = "consent.test.standby-url";
    public static final String STANDBY_DATA_DIR = "consent.test.standby-data-dir";

    private Path base;
    private final List<Path> running = new ArrayList<>();

    /** True when Debian's PostgreSQL 15 server programs are installed. */
    public static boolean available() {
        return Stream.of("initdb", "pg_ctl", "pg_basebackup", "postgres").allMatch(p -> Files.isExecutable(BIN.resolve(p)));
    }

    @Override
    public Map<String, String> start() {
        try {
            base = Files.createTempDirectory("consent-ledger-standby");
            Path primary = base.resolve("primary");
            Path standby = base.resolve("standby");
            // initdb and pg_basebackup create the data directories, with the modes PostgreSQL demands
            Path stateDir = Files.createDirectory(base.resolve("signer-state"));
            PostgresAccount.prepare(base);
            int primaryPort = freePort();
            int standbyPort = freePort();
            run("initdb", "-A", "trust", "-U", "postgres", "-E", "UTF-8", "-D", primary.toString());
            startServer(primary, primaryPort, "-c wal_level=replica -c max_wal_senders=4");
            run("pg_basebackup", "-h", "127.0.0.1", "-p", String.valueOf(primaryPort), "-U", "postgres", "-D",
                    standby.toString(), "-R", "-X", "stream", "-c", "fast");
            startServer(standby, standbyPort, "-c hot_standby=on");
            Map<String, String> config = new HashMap<>();
            config.put("quarkus.datasource.jdbc.url", url(primaryPort));
            config.put("quarkus.datasource.username", "postgres");
            config.put("consent.audit.read-url", url(standbyPort));
            config.put("consent.ledger.state-dir", stateDir.toString());
            config.put(PRIMARY_URL, url(primaryPort));
            config.put(STANDBY_URL, url(standbyPort));
            config.put(STANDBY_DATA_DIR, standby.toString());
            return config;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits, a bounded time, until the standby has replayed everything the primary has written so far. */
    public static void awaitReplay(String primaryUrl, String standbyUrl) throws SQLException {
        String target = single(primaryUrl, "select pg_current_wal_lsn()::text");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!"true".equals(single(standbyUrl,
                "select coalesce(pg_last_wal_replay_lsn() >= '" + target + "'::pg_lsn, false)::text"))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("The standby did not replay up to " + target + " within 30 s");
            }
            pause();
        }
    }

    public static String single(String url, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, "postgres", "");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** Stops the standby, as a failed replica. */
    public static void stopServer(String dataDir) {
        run("pg_ctl", "-D", dataDir, "-m", "fast", "-w", "stop");
    }

    @Override
    public void stop() {
        for (Path dataDir : running) {
            try {
                run("pg_ctl", "-D", dataDir.toString(), "-m", "immediate", "-w", "stop");
            } catch (RuntimeException e) {
                // already stopped
            }
        }
        if (base != null) {
            try (Stream<Path> paths = Files.walk(base)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a leftover temp directory is harmless
            }
        }
    }

    private void startServer(Path dataDir, int port, String settings) throws IOException {
        running.add(0, dataDir); // the standby stops first
        try {
            run("pg_ctl", "-D", dataDir.toString(), "-w", "-t", "60", "-l", dataDir + ".log", "-o",
                    "-p " + port + " -c listen_addresses=127.0.0.1 -c unix_socket_directories= " + settings, "start");
        } catch (IllegalStateException e) {
            Path log = Path.of(dataDir + ".log");
            throw new IllegalStateException(e.getMessage() + "\n" + (Files.exists(log) ? Files.readString(log) : ""), e);
        }
    }

    private static String url(int port) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    private static void run(String program, String... args) {
        List<String> command = new ArrayList<>(List.of(BIN.resolve(program).toString()));
        command.addAll(List.of(args));
        String[] line = PostgresAccount.asAccount(command.toArray(String[]::new));
        try {
            Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(command + " failed: " + new String(output));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
