package org.consentledger.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import org.consentledger.support.PackagedApp;
import org.consentledger.support.ScratchDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A port that another process holds, on the packaged jar: the start stops with a short message
 * that names the port and what to do, whichever of the two ports it is, and no stack trace.
 */
@Tag("process")
class ManagementPortIT {

    private static ScratchDatabase db;

    @BeforeAll
    static void onTheJarOfThisBuild() throws IOException {
        assumeTrue(PackagedApp.packagedForThisBuild(), "runs after package, in the packaged-jar execution");
        db = ScratchDatabase.start();
    }

    @AfterAll
    static void stopDatabase() throws IOException {
        if (db != null) {
            db.close();
        }
    }

    @Test
    void aTakenManagementPortStopsTheStartWithAClearMessageNamingItsSetting() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            int port = taken.getLocalPort();
            PackagedApp.Exit exit = PackagedApp.startExpectingExit(db.jdbcUrl(), stateDir(), "management-port-taken",
                    "quarkus.management.port=" + port);

            assertThat(exit.code()).as("the exit code").isEqualTo(1);
            assertThat(exit.output()).contains("Port " + port + " seems to be in use by another process")
                    .contains("QUARKUS_MANAGEMENT_PORT");
            assertNoStackTrace(exit.output());
        }
    }

    @Test
    void aTakenHttpPortStopsTheStartWithTheSameKindOfMessage() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            int port = taken.getLocalPort();
            PackagedApp.Exit exit = PackagedApp.startExpectingExit(db.jdbcUrl(), stateDir(), "http-port-taken",
                    "quarkus.http.port=" + port);

            assertThat(exit.code()).as("the exit code").isEqualTo(1);
            assertThat(exit.output()).contains("Port " + port + " seems to be in use by another process");
            assertNoStackTrace(exit.output());
        }
    }

    private static void assertNoStackTrace(String output) {
        assertThat(output).as("no stack trace").doesNotContain("\tat ").doesNotContain("Caused by:")
                .doesNotContain("Exception");
    }

    private static Path stateDir() throws IOException {
        return Files.createTempDirectory(Files.createDirectories(Path.of("target")), "it-state");
    }
}
