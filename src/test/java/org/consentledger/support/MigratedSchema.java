package org.consentledger.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;
import org.flywaydb.core.Flyway;

/**
 * The real migrations in a schema of their own on the test database, up to a chosen version, so a
 * migration can be run on data written under the schema before it. {@link #drop} removes it all.
 */
public final class MigratedSchema {

    private final String name;

    public MigratedSchema(String prefix) {
        this.name = prefix + "_" + UUID.randomUUID().toString().replace("-", "");
    }

    public String name() {
        return name;
    }

    /** Migrates up to {@code target}, or to the latest version when it is null. */
    public void migrate(String target) {
        var config = Flyway.configure().dataSource(url(), user(), password()).schemas(name)
                .locations("classpath:db/migration");
        (target == null ? config : config.target(target)).load().migrate();
    }

    /** A connection of its own, with the schema as its search path. */
    public Connection connect() throws SQLException {
        Connection c = DriverManager.getConnection(url(), user(), password());
        try (Statement s = c.createStatement()) {
            s.execute("set search_path to " + name);
        }
        return c;
    }

    public void drop() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("drop schema if exists " + name + " cascade");
        }
    }

    private static String url() {
        return ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class);
    }

    private static String user() {
        return ConfigProvider.getConfig().getValue("quarkus.datasource.username", String.class);
    }

    private static String password() {
        return ConfigProvider.getConfig().getOptionalValue("quarkus.datasource.password", String.class).orElse("");
    }
}
