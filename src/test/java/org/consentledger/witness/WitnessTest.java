package org.consentledger.witness;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.consentledger.support.LogCapture;
import org.consentledger.verify.Checkpoint;
import org.consentledger.verify.Cosignature;
import org.consentledger.verify.Ed25519;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The witness's rules, without HTTP: cosign consistent growth, refuse everything else, and remember across restarts. */
class WitnessTest {

    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");

    @TempDir
    Path dir;

    private final KeyPair witnessKey = Ed25519.keyPair(Ed25519.newSeed());
    private final TestLog log = TestLog.of(3);
    private LogCapture warnings;
    private Witness witness;

    @BeforeEach
    void aWitnessOfTheLog() {
        warnings = LogCapture.of(Witness.class);
        witness = restart();
    }

    @AfterEach
    void releaseTheLog() {
        warnings.close();
    }

    @Test
    void consistentGrowthIsCosignedAndKept() throws Exception {
        Witness.Answer first = witness.addCheckpoint(log.request(0, 3));
        assertCosigned(first, 3);
        log.grow(4);
        Witness.Answer second = witness.addCheckpoint(log.request(3, 7));
        assertCosigned(second, 7);
        assertThat(second.body()).startsWith("\u2014 witness.example/w1 ").endsWith("\n").hasLineCount(1);
        assertThat(Files.readString(dir.resolve("state"))).isEqualTo("7 " + base64Root(7) + " " + TestLog.ORIGIN + "\n");
        assertCosigned(witness.addCheckpoint(log.request(7, 7)), 7);
    }

    @Test
    void aStaleOldSizeGets409WithTheSizeLastCosigned() {
        assertCosigned(witness.addCheckpoint(log.request(0, 3)), 3);
        log.grow(2);
        Witness.Answer stale = witness.addCheckpoint(log.request(0, 5));
        assertThat(stale).isEqualTo(new Witness.Answer(409, "text/x.tlog.size", "3\n"));
        assertCosigned(witness.addCheckpoint(log.request(3, 5)), 5);
    }

    @Test
    void aDifferentTreeOfTheCosignedSizeIsAForkAndGets409() {
        log.grow(4);
        assertCosigned(witness.addCheckpoint(log.request(0, 7)), 7);
        Witness.Answer fork = witness.addCheckpoint(log.forkedAt(5).request(7, 7));
        assertThat(fork.status()).isEqualTo(409);
        assertThat(fork.body()).contains("a fork");
        assertThat(warnings.records()).singleElement().extracting(LogCapture::message).asString()
                .contains("Refused the checkpoint of " + TestLog.ORIGIN + " at size 7", log.forkedAt(5).note(7));
    }

    @Test
    void aLargerTreeThatDoesNotExtendTheCosignedOneGets422() {
        log.grow(4);
        assertCosigned(witness.addCheckpoint(log.request(0, 5)), 5);
        TestLog forked = log.forkedAt(2);
        Witness.Answer refused = witness.addCheckpoint(forked.request(5, 7));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body()).contains("does not verify from the cosigned size 5");
        String withoutProof = "old 5\n\n" + log.note(7);
        assertThat(witness.addCheckpoint(withoutProof).status()).as("the honest tree, but no proof").isEqualTo(422);
        assertCosigned(witness.addCheckpoint(log.request(5, 7)), 7);
    }

    @Test
    void theLastCosignedTreeSurvivesARestart() {
        log.grow(4);
        assertCosigned(witness.addCheckpoint(log.request(0, 7)), 7);
        witness = restart();
        assertThat(witness.addCheckpoint(log.request(0, 7))).isEqualTo(new Witness.Answer(409, "text/x.tlog.size", "7\n"));
        assertThat(witness.addCheckpoint(log.forkedAt(1).request(7, 7)).status()).isEqualTo(409);
        log.grow(1);
        assertCosigned(witness.addCheckpoint(log.request(7, 8)), 8);
    }

    @Test
    void requestsItCannotCheckAreRefusedWithTheStatusTheProtocolNames() {
        TestLog stranger = TestLog.of(3);
        assertThat(witness.addCheckpoint(stranger.request(0, 3)).status()).as("signed by another key").isEqualTo(403);
        assertThat(witness.addCheckpoint(log.request(0, 3).replace(TestLog.ORIGIN, "example.org/other")).status())
                .as("a log it does not witness").isEqualTo(404);
        assertThat(witness.addCheckpoint(log.request(0, 3).replace("old 0", "old 4")).status()).as("old above the size")
                .isEqualTo(400);
        assertThat(witness.addCheckpoint(log.request(0, 3).replace("old 0", "old 00")).body()).contains("old <size>");
        assertThat(witness.addCheckpoint("old 0\nnot-a-hash\n\n" + log.note(3)).body()).contains("one base64 SHA-256 hash");
        assertThat(witness.addCheckpoint("old 0\n" + "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n".repeat(64) + "\n" + log.note(3))
                .body()).contains("at most 63");
        assertThat(witness.addCheckpoint(log.note(3)).status()).as("no old size line").isEqualTo(400);
        assertThat(witness.addCheckpoint("old 0\n\nexample.org/test-log\n3\n").status()).as("no signature").isEqualTo(400);
        assertThat(Files.exists(dir.resolve("state"))).as("nothing was kept").isFalse();
    }

    private Witness restart() {
        return new Witness("witness.example/w1", witnessKey, List.of(log.verifierKey()), WitnessState.open(dir.resolve("state")),
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private void assertCosigned(Witness.Answer answer, long size) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.contentType()).isEqualTo("text/plain; charset=utf-8");
        String note = log.note(size) + answer.body();
        assertThat(Cosignature.cosigners(note, List.of(witness.key()))).containsExactly(witness.key());
        byte[] line = java.util.Base64.getDecoder().decode(answer.body().substring(answer.body().lastIndexOf(' ') + 1).trim());
        assertThat(java.nio.ByteBuffer.wrap(line, 4, 8).getLong()).as("timestamp").isEqualTo(NOW.getEpochSecond());
        assertThat(Checkpoint.verify(note, log.verifierKey()).treeSize()).isEqualTo(size);
    }

    private String base64Root(long size) {
        return java.util.Base64.getEncoder().encodeToString(log.checkpoint(size).rootHash());
    }
}
