package org.consentledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetAddress;
import java.net.ServerSocket;

import org.consentledger.support.FreshInstall;
import org.consentledger.support.PackagedApp;
import org.consentledger.support.RawHttp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The README's first command on a fresh machine, on the packaged jar: nothing unpacked in the Java
 * temp dir, no data directory yet, the embedded PostgreSQL. As root in CI, as the user otherwise.
 */
@Tag("process")
class FirstStartIT {

    private static final int START_SECONDS = 180;

    @BeforeAll
    static void onTheJarOfThisBuild() {
        assumeTrue(PackagedApp.packagedForThisBuild(), "runs after package, in the packaged-jar execution");
    }

    @Test
    void theFirstStartWithAnEmptyJavaTempDirWaitsForTheDatabaseAndStopsItOnExit() throws Exception {
        try (FreshInstall install = FreshInstall.create()) {
            FreshInstall.Copy copy = install.start("first");

            assertThat(copy.awaitReady(START_SECONDS)).as("ready; the output was:%n%s", copy.output()).isTrue();
            assertThat(RawHttp.send(copy.port(), "GET", "/api/v1/sites/demo/notice", null).status())
                    .as("the demo site's notice").isEqualTo(200);

            copy.process().destroy();
            assertThat(copy.awaitExit(60)).as("exited within a minute of SIGTERM (-1: still running)").isNotNegative();
            assertThat(install.databaseRunning()).as("a PostgreSQL server on the data dir after the service stopped").isFalse();
        }
    }

    @Test
    void aStartThatFailsAfterTheDatabaseStartedLeavesNoDatabaseRunning() throws Exception {
        try (FreshInstall install = FreshInstall.create();
                ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            FreshInstall.Copy copy = install.start("port-taken", taken.getLocalPort(), FreshInstall.freePort());

            assertThat(copy.awaitExit(START_SECONDS)).as("exit code with the HTTP port taken").isPositive();
            assertThat(copy.output()).contains("Embedded PostgreSQL listening");
            assertThat(install.databaseRunning()).as("a PostgreSQL server left on the data dir").isFalse();
        }
    }

    @Test
    void aSecondCopyOnTheSameDataDirRefusesAndLeavesTheFirstServing() throws Exception {
        try (FreshInstall install = FreshInstall.create()) {
            FreshInstall.Copy first = install.start("first");
            assertThat(first.awaitReady(START_SECONDS)).as("first copy ready; output:%n%s", first.output()).isTrue();

            FreshInstall.Copy second = install.start("second");
            assertThat(second.awaitExit(START_SECONDS)).as("the second copy's exit code").isPositive();

            assertThat(second.output()).contains("in use by PID " + first.process().pid())
                    .doesNotContain("Embedded PostgreSQL listening").doesNotContain("Embedded PostgreSQL stopped");
            assertThat(install.databaseRunning()).as("the first copy's database").isTrue();
            assertThat(RawHttp.send(first.port(), "GET", "/q/health/ready", null).status()).as("first copy's readiness")
                    .isEqualTo(200);
            assertThat(RawHttp.send(first.port(), "GET", "/api/v1/sites/demo/notice", null).status())
                    .as("the first copy still reads its database").isEqualTo(200);
        }
    }
}
