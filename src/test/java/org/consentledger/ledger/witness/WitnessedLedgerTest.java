package org.consentledger.ledger.witness;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.consentledger.support.Api.asAuditor;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.consentledger.ledger.ForkAttack;
import org.consentledger.ledger.LatchedAlarm;
import org.consentledger.ledger.LedgerConfig;
import org.consentledger.ledger.LedgerKeys;
import org.consentledger.ledger.LedgerNodes;
import org.consentledger.ledger.LedgerReads;
import org.consentledger.ledger.StoredCheckpoint;
import org.consentledger.ledger.export.ExportService;
import org.consentledger.support.Api;
import org.consentledger.support.Ledger;
import org.consentledger.support.LogCapture;
import org.consentledger.support.Rows;
import org.consentledger.verify.Checkpoint;
import org.consentledger.verify.Cosignature;
import org.consentledger.verify.Merkle;
import org.consentledger.verify.ProofNodes;
import org.consentledger.verify.VerifierMain;
import org.consentledger.witness.Witness;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The ledger with two independent witnesses (started by {@link TwoWitnesses}): they cosign its
 * checkpoints, the service publishes only checkpoints both cosigned, and the offline verifier
 * holding their keys accepts the export. Then the fork of {@link ForkAttack}, and a signer willing
 * to sign it: the signer refuses, both witnesses refuse, and the verifier rejects the forged checkpoint.
 */
@QuarkusTest
@TestProfile(WitnessedLedgerTest.WithTwoWitnesses.class)
class WitnessedLedgerTest {

    /** A service of its own, configured with the two witnesses; its signer is halted by the fork. */
    public static class WithTwoWitnesses implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(TwoWitnesses.class));
        }
    }

    @Inject
    DataSource superuser;

    @Inject
    LedgerKeys keys;

    @Inject
    LedgerConfig config;

    @Inject
    ExportService exports;

    private final WitnessClient client = new WitnessClient();

    @Test
    void witnessesCosignHonestGrowthAndTheForkIsRefusedBySignerWitnessesAndVerifier() throws Exception {
        List<WitnessEndpoint> witnesses = WitnessEndpoint.parse(config.witnesses().orElseThrow(), 2);
        List<String> witnessKeys = witnesses.stream().map(w -> w.key().encoded()).toList();
        String siteKey = Api.siteWithPolicies();
        UUID rejected = Api.postEvent(siteKey, "REJECT_ALL");
        long rejectedSeq = Ledger.awaitInclusion(rejected).getLong("seq");
        long size = Ledger.awaitInclusion(Api.postEvent(siteKey, "ACCEPT_ALL")).getLong("treeSize");

        String published = given().get("/api/v1/ledger/checkpoint").then().statusCode(200).extract().asString();
        assertThat(Checkpoint.verify(published, keys.verifierKey()).treeSize()).isEqualTo(size);
        assertThat(Cosignature.cosigners(published, witnesses.stream().map(WitnessEndpoint::key).toList())).hasSize(2);
        assertThat(Rows.count(superuser, "select count(*) from ledger_cosignature where tree_size = ?", size)).isEqualTo(2);
        assertThat(verify(asAuditor().get("/api/v1/ledger/export").then().statusCode(200).extract().asString(),
                witnessKeys, "--quorum", "2")).isEqualTo("0 OK: " + size + " records verified against the checkpoint of size " + size);
        assertCosignaturesAreAppendOnly();

        try (LogCapture witnessLog = LogCapture.of(Witness.class); LogCapture alarms = LogCapture.of(WitnessAlarm.class);
                LogCapture signer = LogCapture.of(LatchedAlarm.class)) {
            ForkAttack.rewriteFrom(superuser, rejectedSeq, rejected);
            Ledger.await("the signer refused the fork", () -> ledgerCheck("data.signing")
                    .contains("does not extend the last checkpoint this signer signed (size " + size));
            assertThat(ledgerCheck("status")).isEqualTo("DOWN");
            Api.postEvent(siteKey, "ACCEPT_ALL");
            Ledger.await("the forged tree outgrew the cosigned one",
                    () -> Rows.count(superuser, "select count(*) from ledger_leaf") > size);

            String forgedSameSize = keys.signedNote(new Checkpoint(TwoWitnesses.LOG_ORIGIN, size, forgedRoot(size)));
            String forged = keys.signedNote(new Checkpoint(TwoWitnesses.LOG_ORIGIN, size + 1, forgedRoot(size + 1)));
            for (WitnessEndpoint witness : witnesses) {
                assertThat(client.addCheckpoint(witness, size, List.of(), forgedSameSize))
                        .isEqualTo(new WitnessClient.Answer(409, "text/plain; charset=utf-8",
                                "a different tree of the size already cosigned: a fork\n"));
                assertThat(client.addCheckpoint(witness, size, forgedProof(size, size + 1), forged).status()).isEqualTo(422);
                assertThat(client.addCheckpoint(witness, 0, List.of(), forged))
                        .isEqualTo(new WitnessClient.Answer(409, "text/x.tlog.size", size + "\n"));
            }
            assertThat(witnessLog.records()).extracting(LogCapture::message).hasSize(4)
                    .allMatch(m -> m.contains(forgedSameSize) || m.contains(forged));

            storeAsTheAttackersSignerWould(forged, size + 1);
            for (WitnessEndpoint witness : witnesses) {
                Ledger.await("the service's own submission of the forged checkpoint to " + witness.name() + " is refused",
                        () -> ledgerCheck("data.witnesses").contains(witness.name() + ": refused the checkpoint of size "
                                + (size + 1) + " (HTTP 422"));
            }
            assertThat(alarms.records()).extracting(LogCapture::message)
                    .anyMatch(m -> m.contains("refused the checkpoint of size " + (size + 1)));
            assertThat(signer.records()).extracting(LogCapture::message).singleElement().asString()
                    .startsWith("Ledger fork refused");
            assertThat(given().get("/api/v1/ledger/checkpoint").asString()).as("never published").doesNotContain(forged);

            String forgedExport = export(forged, size + 1);
            assertThat(verify(forgedExport, List.of())).as("the log's key alone is fooled").startsWith("0 OK");
            assertThat(verify(forgedExport, witnessKeys))
                    .isEqualTo("1 FAILED: checkpoint carries valid cosignatures from 0 of the 2 witness keys given; 2 needed");
            String withHonestCosignatures = forged + published.substring(published.indexOf("\u2014 witness-"));
            assertThat(verify(export(withHonestCosignatures, size + 1), witnessKeys)).startsWith("1 FAILED: checkpoint "
                    + "rejected: checkpoint: the cosignature of witness witness-one.test/w does not verify");
        }
    }

    private void assertCosignaturesAreAppendOnly() {
        for (String statement : List.of("update ledger_cosignature set signature_line = signature_line",
                "delete from ledger_cosignature", "truncate ledger_cosignature")) {
            assertThatThrownBy(() -> Rows.executeAndRollBack(superuser, statement, false)).as(statement).hasMessageContaining("append-only");
            assertThatThrownBy(() -> Rows.executeAndRollBack(superuser, statement, true)).as(statement).hasMessageContaining("permission denied");
        }
    }

    /** The forged tree's root at {@code size}, from the nodes the sequencer rebuilt. */
    private byte[] forgedRoot(long size) {
        return LedgerReads.read(superuser, c -> Merkle.root(LedgerNodes.fetch(c, ProofNodes.root(size)), size));
    }

    private List<byte[]> forgedProof(long from, long to) {
        return LedgerReads.read(superuser, c -> Merkle.consistencyProof(
                LedgerNodes.fetch(c, ProofNodes.consistency(from, to)), from, to));
    }

    /** A forged ledger export: the forged records under the forged checkpoint, as the service writes one. */
    private String export(String checkpoint, long size) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        exports.write(new StoredCheckpoint(size, Checkpoint.parse(checkpoint).rootHash(), checkpoint, Instant.now()), out);
        return out.toString(StandardCharsets.UTF_8);
    }

    /** The offline verifier's exit code, a space, and what it printed. */
    private String verify(String export, List<String> witnessKeys, String... more) throws Exception {
        Path file = Files.createTempFile("ledger", ".ndjson");
        file.toFile().deleteOnExit();
        Files.writeString(file, export);
        List<String> args = new ArrayList<>(List.of("--key", keys.verifierKey().encoded(), "--export", file.toString()));
        witnessKeys.forEach(key -> args.addAll(List.of("--witness-key", key)));
        args.addAll(List.of(more));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = VerifierMain.run(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8));
        return code + " " + out.toString(StandardCharsets.UTF_8).trim();
    }

    private void storeAsTheAttackersSignerWould(String note, long size) throws SQLException {
        try (Connection c = superuser.getConnection(); Statement s = c.createStatement()) {
            s.execute("insert into ledger_checkpoint (tree_size, root_hash, note, created_at) values (" + size + ", "
                    + "decode('" + java.util.HexFormat.of().formatHex(Checkpoint.parse(note).rootHash()) + "', 'hex'), '"
                    + note + "', now())");
        }
    }

    private static String ledgerCheck(String path) {
        Object value = given().get("/q/health").then().extract().path("checks.find { it.name == 'ledger' }." + path);
        return value == null ? "" : value.toString(); // an alarm's entry appears only once it is raised
    }
}
