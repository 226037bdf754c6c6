package org.consentledger.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded server on its own, without Quarkus: what it keeps across restarts and how it commits. */
@Tag("process")
class EmbeddedPostgresServerTest {

    @TempDir
    Path dataDir;

    @Test
    void aRestartOnTheSameDataDirectoryLosesNoCommittedRow() throws Exception {
        int port = freePort();
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir, port);
                Connection c = connect(server); Statement st = c.createStatement()) {
            st.execute("create table ledger_probe (id int primary key, note text not null)");
            st.execute("insert into ledger_probe values (1, 'acknowledged')");
        }

        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir, port);
                Connection c = connect(server); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("select id, note from ledger_probe")) {
            assertThat(server.port()).isEqualTo(port);
            assertThat(server.dataDir()).isEqualTo(dataDir.toAbsolutePath());
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt("id")).isEqualTo(1);
            assertThat(rs.getString("note")).isEqualTo("acknowledged");
            assertThat(rs.next()).isFalse();
        }
    }

    @Test
    void theServerWaitsForTheWalFlushBeforeAcknowledgingACommit() throws Exception {
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir, freePort());
                Connection c = connect(server); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("show synchronous_commit")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("on");
        }
    }

    @Test
    void theServerFlushesToDiskSoAHostCrashLosesNoAcknowledgedWrite() throws Exception {
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir, freePort());
                Connection c = connect(server); Statement st = c.createStatement()) {
            for (String setting : new String[] { "fsync", "full_page_writes" }) {
                try (ResultSet rs = st.executeQuery("show " + setting)) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).as(setting).isEqualTo("on");
                }
            }
        }
    }

    @Test
    void startedByRootTheServerRunsAsAnUnprivilegedAccountThatOwnsTheData() throws Exception {
        assumeTrue(PostgresAccount.runningAsRoot(), "only root hands the server to another account");
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir, freePort());
                Connection c = connect(server); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("select pg_backend_pid()")) {
            assertThat(rs.next()).isTrue();
            String owner = Files.getOwner(Path.of("/proc", String.valueOf(rs.getInt(1)))).getName();
            assertThat(owner).isEqualTo(PostgresAccount.NAME);
            assertThat(Files.getOwner(dataDir.resolve("PG_VERSION")).getName()).isEqualTo(PostgresAccount.NAME);
        }
    }

    private static Connection connect(EmbeddedPostgresServer server) throws SQLException {
        return DriverManager.getConnection(server.jdbcUrl("postgres"), "postgres", "");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
