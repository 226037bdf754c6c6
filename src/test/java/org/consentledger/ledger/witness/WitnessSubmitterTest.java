package org.consentledger.ledger.witness;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.consentledger.ledger.LedgerCheckpoints;
import org.consentledger.ledger.LedgerKeys;
import org.consentledger.ledger.LedgerReads;
import org.consentledger.ledger.StoredCheckpoint;
import org.consentledger.support.Api;
import org.consentledger.support.Ledger;
import org.consentledger.support.LogCapture;
import org.consentledger.support.Rows;
import org.consentledger.verify.Checkpoint;
import org.consentledger.verify.Cosignature;
import org.consentledger.verify.Merkle;
import org.consentledger.witness.Witness;
import org.consentledger.witness.WitnessMain;
import org.consentledger.witness.WitnessServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The service's side of the witness protocol, against the real ledger and a real witness of its
 * own: a witness that knows more than the service is caught up with one retry, and a witness that
 * holds another tree of the same size refuses, which raises the alarm.
 */
@QuarkusTest
class WitnessSubmitterTest {

    @Inject
    DataSource dataSource;

    @Inject
    LedgerKeys keys;

    @Inject
    Clock clock;

    private Path dir;
    private WitnessServer witness;
    private WitnessEndpoint endpoint;
    private final WitnessAlarm alarm = new WitnessAlarm();
    private final WitnessClient client = new WitnessClient();

    @BeforeEach
    void aFreshWitnessOfThisLedger() throws Exception {
        dir = Files.createTempDirectory("witness-submitter-test");
        String name = "submitter-test-" + UUID.randomUUID() + ".test/w";
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        witness = WitnessMain.start(new String[] { "--name", name, "--key", dir.resolve("key.pem").toString(),
                "--generate-key", "--state", dir.resolve("state").toString(), "--port", "0", "--log-key",
                keys.verifierKey().encoded() }, new PrintStream(printed, true, StandardCharsets.UTF_8));
        endpoint = new WitnessEndpoint(URI.create("http://127.0.0.1:" + witness.port() + "/add-checkpoint"),
                witness.witness().key());
    }

    @AfterEach
    void stopTheWitness() {
        witness.close();
        dir.resolve("key.pem").toFile().delete();
        dir.resolve("state").toFile().delete();
        dir.toFile().delete();
    }

    @Test
    void aWitnessAheadOfWhatTheServiceKnowsAnswers409AndTheRetryFromItsSizeIsCosigned() throws Exception {
        String siteKey = Api.siteWithPolicies();
        long older = Ledger.awaitInclusion(Api.postEvent(siteKey, "ACCEPT_ALL")).getLong("treeSize");
        Ledger.awaitInclusion(Api.postEvent(siteKey, "ACCEPT_ALL"));
        StoredCheckpoint olderCheckpoint = checkpoint(older);
        assertThat(client.addCheckpoint(endpoint, 0, List.of(), olderCheckpoint.note()).status()).isEqualTo(200);

        submitter().submitLatest();

        StoredCheckpoint latest = LedgerReads.read(dataSource, LedgerCheckpoints::latest).orElseThrow();
        assertThat(latest.treeSize()).isGreaterThan(older);
        assertThat(Rows.count(dataSource, "select count(*) from ledger_cosignature where witness_key_name = ? and tree_size = ?",
                endpoint.name(), latest.treeSize())).isEqualTo(1);
        assertThat(Cosignature.cosigners(latest.note(), List.of(endpoint.key()))).containsExactly(endpoint.key());
        assertThat(alarm.raised()).isEmpty();
    }

    @Test
    void aWitnessHoldingAnotherTreeOfTheSameSizeRefusesTheAlarmIsRaisedAndTheCheckpointIsNotSentAgain() throws Exception {
        Ledger.awaitInclusion(Api.postEvent(Api.siteWithPolicies(), "ACCEPT_ALL"));
        StoredCheckpoint latest = LedgerReads.read(dataSource, LedgerCheckpoints::latest).orElseThrow();
        String otherTree = keys.signedNote(new Checkpoint(keys.verifierKey().name(), latest.treeSize(),
                Merkle.leafHash("another history".getBytes(StandardCharsets.UTF_8))));
        assertThat(client.addCheckpoint(endpoint, 0, List.of(), otherTree).status()).isEqualTo(200);

        try (LogCapture errors = LogCapture.of(WitnessAlarm.class); LogCapture refusals = LogCapture.of(Witness.class)) {
            WitnessSubmitter submitter = submitter();
            submitter.submitLatest();
            submitter.submitLatest();

            String expected = endpoint.name() + ": refused the checkpoint of size " + latest.treeSize() + " (HTTP 409: "
                    + "a different tree of the size already cosigned: a fork)";
            assertThat(alarm.raised()).hasValue(expected);
            assertThat(errors.records()).singleElement().extracting(LogCapture::message).isEqualTo("Witness " + expected);
            assertThat(refusals.records()).as("the second round does not ask again").hasSize(1);
        }
        assertThat(Rows.count(dataSource, "select count(*) from ledger_cosignature where witness_key_name = ?",
                endpoint.name())).isZero();
    }

    private WitnessSubmitter submitter() {
        return new WitnessSubmitter(dataSource, client, alarm, clock, List.of(endpoint));
    }

    private StoredCheckpoint checkpoint(long size) {
        return LedgerReads.read(dataSource, c -> LedgerCheckpoints.ofSize(c, size)).orElseThrow();
    }
}
