package org.consentledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.consentledger.support.EventLoad;
import org.consentledger.support.Figures;
import org.consentledger.support.PackagedApp;
import org.consentledger.support.ScratchDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * kill -9 of the packaged jar under load, five times on the same database. Clients resend every
 * unacknowledged event with its eventId, as the banner does, until it is acknowledged. In the end
 * every acknowledged event is stored exactly once: none lost, none doubled.
 */
@Tag("process")
class CrashIT {

    private static final int KILLS = 5;

    @BeforeAll
    static void onTheJarOfThisBuild() {
        assumeTrue(PackagedApp.packagedForThisBuild(), "runs after package, in the packaged-jar execution");
    }

    @Test
    void fiveKillsUnderLoadLoseNoAcknowledgedEventAndDoubleNone() throws Exception {
        Path state = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "it-state");
        EventLoad.Ledger ledger = EventLoad.Ledger.empty();
        int cutOff = 0;
        try (ScratchDatabase db = ScratchDatabase.start()) {
            String siteKey = null;
            for (int kill = 1; kill <= KILLS; kill++) {
                try (PackagedApp app = PackagedApp.start(db.jdbcUrl(), state, "crash-it")) {
                    if (siteKey == null) {
                        siteKey = ScratchDatabase.createSite(app.port());
                    }
                    EventLoad load = new EventLoad(app.port(), siteKey, ledger, false, true).start(8);
                    int before = ledger.acknowledged().size();
                    long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500 + ThreadLocalRandom.current().nextInt(700));
                    while (System.nanoTime() < until || ledger.acknowledged().size() == before) {
                        Thread.sleep(20);
                    }
                    int inFlight = load.inFlight();
                    app.kill();
                    load.stop(60);
                    cutOff += load.unanswered();
                    Figures.record("kill -9", "kill " + kill + ": in flight / acknowledged so far / cut off without an answer",
                            inFlight + " / " + ledger.acknowledged().size() + " / " + load.unanswered());
                }
            }
            try (PackagedApp app = PackagedApp.start(db.jdbcUrl(), state, "crash-it")) {
                // The outbox, sent again after the last restart until everything is acknowledged.
                for (int round = 0; round < 20 && !ledger.outbox().isEmpty(); round++) {
                    new EventLoad(app.port(), siteKey, ledger, false, false).start(4).finish(60);
                }
            }
            long stored = db.rowsWithEventIds(ledger.acknowledged());
            long rows = db.rowsOfSite(siteKey);
            Figures.record("kill -9", "faults injected", KILLS + " kills");
            Figures.record("kill -9", "events acknowledged", ledger.acknowledged().size());
            Figures.record("kill -9", "requests cut off without an answer, then resent", cutOff);
            Figures.record("kill -9", "acknowledged events lost", ledger.acknowledged().size() - stored);
            Figures.record("kill -9", "rows beyond the acknowledged events (duplicates)", rows - ledger.acknowledged().size());
            assertThat(ledger.outbox()).as("every event was acknowledged in the end").isEmpty();
            assertThat(stored).as("no acknowledged event lost").isEqualTo(ledger.acknowledged().size());
            assertThat(rows).as("none stored twice").isEqualTo(ledger.acknowledged().size());
        }
    }
}
