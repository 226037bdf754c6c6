package org.consentledger.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

import org.consentledger.database.EmbeddedPostgresServer;
import org.flywaydb.core.Flyway;

/**
 * The tests' PostgreSQL server, one per test JVM, and a database for each service start. The
 * server is CONSENT_TEST_DB_URL's (with CONSENT_TEST_DB_USER and CONSENT_TEST_DB_PASSWORD), or
 * else an embedded one started on first use and stopped when the JVM exits. The migrations run
 * once, into a template; each service start gets a copy ({@code CREATE DATABASE … TEMPLATE}),
 * which costs a fraction of an initdb or of cleaning and migrating again.
 */
final class TestDatabases {

    /**
     * Settings of the shared embedded server: its data is thrown away, so it need not survive a
     * crash. The tests that crash a database have one of their own ({@link OwnPostgres}).
     */
    private static final Map<String, String> SCRATCH = Map.of("fsync", "off", "synchronous_commit", "off",
            "full_page_writes", "off", "max_connections", "200");

    /**
     * Every Quarkus test profile loads the test classes, this one included, in a class loader of
     * its own, so a static field would start a server and migrate a template per profile. What
     * the JVM shares lives where every class loader sees the same thing: system properties.
     */
    private static final String SERVER_URL = "consent.test.db.server-url";
    private static final String ADMIN_DATABASE = "consent.test.db.admin-database";
    private static final String USER = "consent.test.db.user";
    private static final String PASSWORD = "consent.test.db.password";
    private static final String COPIES = "consent.test.db.copies";

    private final String serverUrl;
    private final String adminDatabase;
    private final String prefix;
    private final String user;
    private final String password;
    private final String template;

    /** Its databases are named after the one it connects to, and this JVM. */
    private TestDatabases(String serverUrl, String adminDatabase, String user, String password) {
        this.serverUrl = serverUrl;
        this.adminDatabase = adminDatabase;
        this.prefix = (adminDatabase.equals("postgres") ? "test" : adminDatabase) + "_" + ProcessHandle.current().pid();
        this.user = user;
        this.password = password;
        this.template = prefix + "_template";
    }

    static TestDatabases shared() {
        Properties jvm = System.getProperties();
        synchronized (jvm) {
            if (jvm.getProperty(SERVER_URL) == null) {
                TestDatabases opened = open();
                opened.createTemplate();
                Runtime.getRuntime().addShutdownHook(new Thread(opened::dropTemplate, "test-databases"));
                jvm.setProperty(SERVER_URL, opened.serverUrl);
                jvm.setProperty(ADMIN_DATABASE, opened.adminDatabase);
                jvm.setProperty(USER, opened.user);
                jvm.setProperty(PASSWORD, opened.password);
                jvm.setProperty(COPIES, "0");
                return opened;
            }
            return new TestDatabases(jvm.getProperty(SERVER_URL), jvm.getProperty(ADMIN_DATABASE),
                    jvm.getProperty(USER), jvm.getProperty(PASSWORD));
        }
    }

    private static TestDatabases open() {
        String externalUrl = System.getenv("CONSENT_TEST_DB_URL");
        if (externalUrl != null && !externalUrl.isBlank()) {
            int slash = externalUrl.lastIndexOf('/');
            String database = externalUrl.substring(slash + 1).replaceAll("\\?.*", "");
            return new TestDatabases(externalUrl.substring(0, slash + 1), database,
                    env("CONSENT_TEST_DB_USER", "postgres"), env("CONSENT_TEST_DB_PASSWORD", ""));
        }
        EmbeddedPostgresServer server = startEmbedded();
        return new TestDatabases(server.jdbcUrl(""), "postgres", "postgres", "");
    }

    private static EmbeddedPostgresServer startEmbedded() {
        try {
            Path dataDir = Files.createTempDirectory("consent-ledger-test-pg");
            EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir, freePort(),
                    EmbeddedPostgresServer.defaultBinariesDir(), SCRATCH);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                server.close();
                deleteRecursively(dataDir);
            }, "test-postgres"));
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A new database with the schema migrated, for one service start; its JDBC URL. */
    String newDatabase() {
        String name = prefix + "_" + nextCopy();
        execute("create database " + name + " template " + template);
        return url(name);
    }

    private static int nextCopy() {
        Properties jvm = System.getProperties();
        synchronized (jvm) {
            int copy = Integer.parseInt(jvm.getProperty(COPIES)) + 1;
            jvm.setProperty(COPIES, Integer.toString(copy));
            return copy;
        }
    }

    /** Drops a database that {@link #newDatabase()} made, closing whatever still uses it. */
    void drop(String url) {
        execute("drop database if exists " + url.substring(url.lastIndexOf('/') + 1) + " with (force)");
    }

    String user() {
        return user;
    }

    String password() {
        return password;
    }

    private void createTemplate() {
        execute("drop database if exists " + template + " with (force)");
        execute("create database " + template);
        Flyway.configure().dataSource(url(template), user, password).load().migrate();
    }

    private void dropTemplate() {
        try {
            drop(url(template));
        } catch (RuntimeException e) {
            // the embedded server may already be gone; an external one keeps a template it can drop next time
        }
    }

    private String url(String database) {
        return serverUrl + database;
    }

    private void execute(String sql) {
        try (Connection c = DriverManager.getConnection(url(adminDatabase), user, password);
                Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not run `" + sql + "` on the test server " + serverUrl
                    + " (its user needs the right to create databases)", e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }

    static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temp directory is harmless
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
