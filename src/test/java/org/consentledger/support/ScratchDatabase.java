package org.consentledger.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Comparator;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.consentledger.database.EmbeddedPostgresServer;
import org.postgresql.ds.PGSimpleDataSource;

/** An embedded PostgreSQL in a temporary directory, for a packaged service under test, and the rows it holds. */
public final class ScratchDatabase implements AutoCloseable {

    private final EmbeddedPostgresServer server;
    private final Path dataDir;

    private ScratchDatabase(EmbeddedPostgresServer server, Path dataDir) {
        this.server = server;
        this.dataDir = dataDir;
    }

    public static ScratchDatabase start() throws IOException {
        Path dataDir = Files.createTempDirectory("consent-ledger-it-pg");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        return new ScratchDatabase(EmbeddedPostgresServer.start(dataDir, port), dataDir);
    }

    public String jdbcUrl() {
        return server.jdbcUrl("postgres");
    }

    /** The database as the superuser, for {@link Rows}. */
    public DataSource dataSource() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(jdbcUrl());
        dataSource.setUser("postgres");
        return dataSource;
    }

    /** How many of these eventIds have a row, and how many rows the site has in all. */
    public long rowsWithEventIds(Collection<String> eventIds) throws SQLException {
        return count("select count(*) from consent_event where event_id = any(?::uuid[])", eventIds.toArray(String[]::new));
    }

    public long rowsOfSite(String siteKey) throws SQLException {
        return count("select count(*) from consent_event e join site s on s.id = e.site_id where s.site_key = ?", siteKey);
    }

    private long count(String sql, Object parameter) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl(), "postgres", "");
                PreparedStatement ps = c.prepareStatement(sql)) {
            if (parameter instanceof String[] array) {
                ps.setArray(1, c.createArrayOf("text", array));
            } else {
                ps.setObject(1, parameter);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** A site with a privacy policy, made through the admin API of the service on this port. */
    public static String createSite(int port) throws IOException {
        String siteKey = Api.freshSiteKey();
        // Outside Quarkus, the token builder reads its key from a system property.
        System.setProperty("smallrye.jwt.sign.key.location", "test-jwt/private.pem");
        String token = "Authorization: Bearer " + Tokens.admin();
        RawHttp.Answer site = RawHttp.send(port, "POST", "/api/v1/admin/sites", "{\"siteKey\":\"" + siteKey
                + "\",\"name\":\"Faults\",\"origins\":[\"https://www.example.com\"]}", token);
        RawHttp.Answer policy = RawHttp.send(port, "POST", "/api/v1/admin/sites/" + siteKey + "/policy-versions",
                "{\"kind\":\"PRIVACY_POLICY\",\"version\":\"1.0\",\"title\":\"Privacy\",\"url\":\"https://www.example.com/p\","
                        + "\"content\":\"Text\"}", token);
        if (site.status() != 201 || policy.status() != 201) {
            throw new IllegalStateException("Could not create a site: " + site + " " + policy);
        }
        return siteKey;
    }

    @Override
    public void close() throws IOException {
        server.close();
        try (Stream<Path> paths = Files.walk(dataDir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
