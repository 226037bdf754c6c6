package org.consentledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.consentledger.support.EventLoad;
import org.consentledger.support.Figures;
import org.consentledger.support.PackagedApp;
import org.consentledger.support.RawHttp;
import org.consentledger.support.ScratchDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * SIGTERM under load, on the packaged jar in its own process: readiness goes DOWN at once, the
 * service keeps serving through the shutdown delay, then answers every request in flight,
 * commits what is queued, and exits within its grace period. Clients behave like a load balancer
 * and stop sending once the service says it is draining (503) or refuses connections.
 */
@Tag("process")
class ShutdownIT {

    private static final int DELAY_SECONDS = 2;
    private static final int TIMEOUT_SECONDS = 20;

    @BeforeAll
    static void onTheJarOfThisBuild() {
        assumeTrue(PackagedApp.packagedForThisBuild(), "runs after package, in the packaged-jar execution");
    }

    @Test
    void sigtermUnderLoadAnswersEveryRequestAndLosesNoAcknowledgedEvent() throws Exception {
        Path state = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "it-state");
        try (ScratchDatabase db = ScratchDatabase.start();
                PackagedApp app = PackagedApp.start(db.jdbcUrl(), state, "shutdown-it",
                        "quarkus.shutdown.delay=" + DELAY_SECONDS + "s", "quarkus.shutdown.timeout=" + TIMEOUT_SECONDS + "s")) {
            String siteKey = ScratchDatabase.createSite(app.port());
            EventLoad.Ledger ledger = EventLoad.Ledger.empty();
            EventLoad load = new EventLoad(app.port(), siteKey, ledger, true, true).start(16);
            for (int i = 0; i < 600 && load.acknowledgedCount() < 300; i++) {
                Thread.sleep(50);
            }
            int inFlightAtSignal = load.inFlight();
            int acknowledgedAtSignal = load.acknowledgedCount();
            long signalled = System.nanoTime();
            app.terminate();

            long readinessDown = -1;
            for (int i = 0; i < 100 && readinessDown < 0; i++) {
                if (readiness(app.port()) != 200) {
                    readinessDown = millisSince(signalled);
                } else {
                    Thread.sleep(20);
                }
            }
            boolean exited = app.process().waitFor(DELAY_SECONDS + TIMEOUT_SECONDS + 15L, TimeUnit.SECONDS);
            long exitedAfter = millisSince(signalled);
            load.stop(60);

            Figures.record("SIGTERM", "requests in flight at the signal", inFlightAtSignal);
            Figures.record("SIGTERM", "readiness DOWN after (ms)", readinessDown);
            Figures.record("SIGTERM", "process exited after (ms)", exitedAfter + " (exit code " + app.process().exitValue() + ")");
            Figures.record("SIGTERM", "requests sent / answered 503 while draining / refused / closed without an answer",
                    load.sent() + " / " + load.unavailable() + " / " + load.refused() + " / " + load.unanswered());
            assertThat(load.other()).as("no other status than an acknowledgement or 503").isZero();
            Figures.record("SIGTERM", "events acknowledged (of them after the signal)",
                    load.acknowledgedCount() + " (" + (load.acknowledgedCount() - acknowledgedAtSignal) + ")");
            long found = db.rowsWithEventIds(ledger.acknowledged());
            Figures.record("SIGTERM", "acknowledged events lost", load.acknowledgedCount() - found);

            assertThat(readinessDown).as("readiness went DOWN during the shutdown delay").isNotNegative();
            assertThat(exited).as("the process exited within its grace period").isTrue();
            assertThat(load.unanswered()).as("requests closed without an answer").isZero();
            assertThat(inFlightAtSignal).as("the signal came under load").isPositive();
            assertThat(found).as("every acknowledged event is in the database").isEqualTo(load.acknowledgedCount());
        }
    }

    /** The readiness status, or 0 when the service no longer takes connections. */
    private static int readiness(int port) {
        try {
            return RawHttp.send(port, "GET", "/q/health/ready", null).status();
        } catch (IOException e) {
            return 0;
        }
    }

    private static long millisSince(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanos);
    }
}
