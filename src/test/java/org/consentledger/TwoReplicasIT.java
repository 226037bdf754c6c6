package org.consentledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.consentledger.support.EventLoad;
import org.consentledger.support.Figures;
import org.consentledger.support.OfflineVerifier;
import org.consentledger.support.PackagedApp;
import org.consentledger.support.RawHttp;
import org.consentledger.support.ScratchDatabase;
import org.consentledger.support.Tokens;
import org.consentledger.verify.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Two packaged replicas on one database: both ingest, exactly one sequences. kill -9 of that one
 * under load: the other takes the sequencer lease within seconds, and the exported ledger
 * verifies offline with every acknowledged event in it.
 */
@Tag("process")
class TwoReplicasIT {

    private static final long TAKEOVER_LIMIT_MILLIS = 10_000;

    @BeforeAll
    static void onTheJarOfThisBuild() {
        assumeTrue(PackagedApp.packagedForThisBuild(), "runs after package, in the packaged-jar execution");
    }

    @Test
    void aStandbyTakesOverSequencingWithinSecondsWhenTheLeaderIsKilled() throws Exception {
        Path target = Files.createDirectories(Path.of("target"));
        try (ScratchDatabase db = ScratchDatabase.start();
                PackagedApp first = PackagedApp.start(db.jdbcUrl(), Files.createTempDirectory(target, "replica-a"), "replica-a");
                PackagedApp second = PackagedApp.start(db.jdbcUrl(), Files.createTempDirectory(target, "replica-b"), "replica-b")) {
            String siteKey = ScratchDatabase.createSite(first.port());
            EventLoad.Ledger ledgerA = EventLoad.Ledger.empty();
            EventLoad.Ledger ledgerB = EventLoad.Ledger.empty();
            EventLoad loadA = new EventLoad(first.port(), siteKey, ledgerA, true, true).start(4);
            EventLoad loadB = new EventLoad(second.port(), siteKey, ledgerB, true, true).start(4);
            for (int i = 0; i < 600 && (ledgerA.acknowledged().size() < 200 || ledgerB.acknowledged().size() < 200); i++) {
                Thread.sleep(50);
            }
            assertThat(ledgerA.acknowledged()).as("the first replica ingests").isNotEmpty();
            assertThat(ledgerB.acknowledged()).as("the second replica ingests").isNotEmpty();
            awaitOneLeader(first, second);
            boolean firstLeads = "leader".equals(sequencer(first.port()));
            assertThat(List.of(sequencer(first.port()), sequencer(second.port()))).as("exactly one sequences")
                    .containsExactlyInAnyOrder("leader", "standby");

            PackagedApp leader = firstLeads ? first : second;
            PackagedApp standby = firstLeads ? second : first;
            EventLoad standbyLoad = firstLeads ? loadB : loadA;
            long killed = System.nanoTime();
            leader.kill();
            (firstLeads ? loadA : loadB).stop(60);
            long takeover = -1;
            while (takeover < 0 && millisSince(killed) < 30_000) {
                if ("leader".equals(sequencer(standby.port()))) {
                    takeover = millisSince(killed);
                } else {
                    Thread.sleep(50);
                }
            }
            int beforeMore = standbyLoad.acknowledgedCount();
            for (int i = 0; i < 600 && standbyLoad.acknowledgedCount() < beforeMore + 200; i++) {
                Thread.sleep(50);
            }
            standbyLoad.stop(60);

            Set<String> acknowledged = new HashSet<>(ledgerA.acknowledged());
            acknowledged.addAll(ledgerB.acknowledged());
            Path export = awaitExportHolding(standby.port(), acknowledged);
            String key = Json.parseObject(RawHttp.send(standby.port(), "GET", "/api/v1/ledger/public-key", null).body())
                    .get("verifierKey").toString();
            OfflineVerifier.Run verified = OfflineVerifier.run(Clock.systemUTC(), "--key", key, "--export", export.toString());

            Figures.record("two replicas", "events acknowledged by the first / second replica",
                    ledgerA.acknowledged().size() + " / " + ledgerB.acknowledged().size());
            Figures.record("two replicas", "standby took the sequencer lease after kill -9 of the leader (ms)", takeover);
            assertThat(takeover).as("the standby took over").isNotNegative().isLessThan(TAKEOVER_LIMIT_MILLIS);
            assertThat(verified.exit()).as(verified.output()).isZero();
            assertThat(verified.output()).startsWith("OK");
        }
    }

    /** The export, once every acknowledged event is in it under a signed checkpoint (30 s at most). */
    private static Path awaitExportHolding(int port, Set<String> eventIds) throws Exception {
        Set<String> missing = new HashSet<>(eventIds);
        for (int i = 0; i < 150; i++) {
            // The JDK client: the export is long and chunked, which RawHttp is not made for.
            String export = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/api/v1/ledger/export"))
                    .header("Authorization", "Bearer " + Tokens.auditor()).build(), BodyHandlers.ofString()).body();
            missing = new HashSet<>(eventIds);
            for (String line : export.split("\n")) {
                if (line.contains("\"consent_event\"")) {
                    Object record = Json.parseObject(line).get("record");
                    missing.remove(((Map<?, ?>) record).get("eventId"));
                }
            }
            if (missing.isEmpty()) {
                return OfflineVerifier.file("two-replicas", ".ndjson", export);
            }
            Thread.sleep(200);
        }
        throw new AssertionError(missing.size() + " acknowledged events never reached a signed checkpoint, e.g. "
                + missing.iterator().next());
    }

    private static void awaitOneLeader(PackagedApp... apps) throws Exception {
        for (int i = 0; i < 100; i++) {
            long leaders = 0;
            for (PackagedApp app : apps) {
                leaders += "leader".equals(sequencer(app.port())) ? 1 : 0;
            }
            if (leaders == 1) {
                return;
            }
            Thread.sleep(100);
        }
    }

    /** What the replica's ledger health check says of the sequencer lease: leader or standby. */
    @SuppressWarnings("unchecked")
    private static String sequencer(int port) throws IOException {
        Map<String, Object> health = Json.parseObject(RawHttp.send(port, "GET", "/q/health", null).body());
        for (Object check : (List<Object>) health.get("checks")) {
            Map<String, Object> named = (Map<String, Object>) check;
            if ("ledger".equals(named.get("name"))) {
                return String.valueOf(((Map<String, Object>) named.get("data")).get("sequencer"));
            }
        }
        return "absent";
    }

    private static long millisSince(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanos);
    }
}
