package org.consentledger.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The verifier command's --witness-key and --quorum, on an evidence package whose checkpoint two of three witnesses cosigned. */
class VerifierQuorumTest {

    private CosignatureTest.Signed signed;
    private CosignatureTest.Witnesses witnesses;
    private List<String> keys;

    @BeforeEach
    void aCheckpointCosignedByTheFirstTwoOfThreeWitnesses() {
        signed = CosignatureTest.Signed.checkpoint(0);
        witnesses = new CosignatureTest.Witnesses(3);
        keys = witnesses.keys().stream().map(Cosignature.WitnessKey::encoded).toList();
    }

    @Test
    void aQuorumOfValidCosignaturesIsAccepted() throws Exception {
        Path evidence = evidence(cosigned(0, 1));
        assertThat(run(evidence, "--witness-key", keys.get(0), "--witness-key", keys.get(1)))
                .isEqualTo("0 OK: the checkpoint of size 0 is signed by the log's key and cosigned by 2 witness(es); 0 entries "
                        + "match their leaf hashes and policy fingerprints and are proven included in it");
        assertThat(run(evidence, "--witness-key", keys.get(0), "--witness-key", keys.get(1), "--witness-key", keys.get(2),
                "--quorum", "2")).startsWith("0 OK");
        assertThat(run(evidence)).as("without witness keys, the log's signature alone").startsWith("0 OK");
    }

    @Test
    void tooFewValidCosignaturesFailAndSayHowManyWereFound() throws Exception {
        Path evidence = evidence(cosigned(0, 1));
        assertThat(run(evidence, "--witness-key", keys.get(0), "--witness-key", keys.get(1), "--witness-key", keys.get(2)))
                .isEqualTo("1 FAILED: checkpoint carries valid cosignatures from 2 of the 3 witness keys given; 3 needed");
        assertThat(run(evidence, "--witness-key", keys.get(2), "--witness-key", keys.get(2)))
                .as("a key given twice counts once")
                .isEqualTo("1 FAILED: checkpoint carries valid cosignatures from 0 of the 1 witness key given; 1 needed");
        assertThat(run(evidence(signed.note()), "--witness-key", keys.get(0)))
                .isEqualTo("1 FAILED: checkpoint carries valid cosignatures from 0 of the 1 witness key given; 1 needed");
    }

    @Test
    void cosignaturesCopiedOntoAnotherCheckpointAreRejected() throws Exception {
        CosignatureTest.Signed other = CosignatureTest.Signed.checkpoint(1);
        String copied = other.note() + cosigned(0, 1).substring(signed.note().length());
        Path evidence = evidence(copied);
        assertThat(run(evidence, other.logKey(), "--witness-key", keys.get(0), "--quorum", "1"))
                .isEqualTo("1 FAILED: checkpoint rejected: checkpoint: the cosignature of witness w0 does not verify");
    }

    @Test
    void aQuorumOutOfRangeOrWithoutWitnessKeysIsBadUsage() throws Exception {
        Path evidence = evidence(cosigned(0, 1));
        assertThat(run(evidence, "--quorum", "1")).startsWith("2 error: --quorum must be between 1");
        assertThat(run(evidence, "--witness-key", keys.get(0), "--quorum", "0")).startsWith("2 error: --quorum");
        assertThat(run(evidence, "--witness-key", keys.get(0), "--quorum", "2")).startsWith("2 error: --quorum");
        assertThat(run(evidence, "--witness-key", keys.get(0), "--quorum", "two")).startsWith("2 error: --quorum");
        assertThat(run(evidence, "--witness-key", signed.logKey().encoded())).startsWith("2 error: Not an Ed25519 key");
    }

    private String cosigned(int... by) {
        StringBuilder note = new StringBuilder(signed.note());
        for (int witness : by) {
            note.append(witnesses.cosign(witness, signed.note(), 1_700_000_000L + witness));
        }
        return note.toString();
    }

    private static Path evidence(String checkpoint) throws Exception {
        Path file = Files.createTempFile("evidence", ".json");
        file.toFile().deleteOnExit();
        Files.writeString(file, CanonicalJson.string(Map.of("format", "consent-ledger-evidence", "checkpoint", checkpoint,
                "entries", List.of())));
        return file;
    }

    private String run(Path evidence, String... more) {
        return run(evidence, signed.logKey(), more);
    }

    /** The exit code, a space, and what the verifier printed. */
    private static String run(Path evidence, Checkpoint.VerifierKey logKey, String... more) {
        List<String> args = new ArrayList<>(List.of("--key", logKey.encoded(), "--evidence", evidence.toString()));
        args.addAll(List.of(more));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = VerifierMain.run(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8));
        return code + " " + out.toString(StandardCharsets.UTF_8).trim();
    }
}
