package org.consentledger.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The C2SP cosignature/v1 format, byte for byte: other witnesses and verifiers must read ours. */
class CosignatureTest {

    /** The example checkpoint body of the C2SP tlog-cosignature specification. */
    private static final String NOTE_TEXT = "example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n";
    private static final long TIME = 1679315147;

    /**
     * Computed outside Java, with openssl (Ed25519 over the message) and Python's hashlib (key id),
     * from the seed 0x00..0x1f, the name witness.example/w1 and the time above.
     */
    private static final String GOLDEN_KEY = "witness.example/w1+e75f6532+BAOhB7/zzhC+HXDdGOdLwJln5NYwm6UNXx3chmQSVTG4";
    private static final String GOLDEN_LINE = "\u2014 witness.example/w1 519lMgAAAABkGFDLBuRDazBLVac2NE+Y+IjbjQOcXLfF9CSDZVU"
            + "IoS83rE1nFZsVE8YiWV6Ngr7lV8H6bdoBQGP/l73euDMQ9k+bBQ==\n";

    @Test
    void aCosignatureIsByteForByteTheOneOtherImplementationsMake() {
        KeyPair pair = Ed25519.keyPair(HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"));
        Cosignature.WitnessKey key = Cosignature.WitnessKey.of("witness.example/w1", Ed25519.rawPublicKey(pair.getPublic()));

        byte[] message = Cosignature.message(NOTE_TEXT, TIME);
        assertThat(new String(message, StandardCharsets.UTF_8)).isEqualTo("cosignature/v1\ntime 1679315147\n" + NOTE_TEXT);
        assertThat(key.encoded()).isEqualTo(GOLDEN_KEY);
        assertThat(Cosignature.line(key, TIME, Ed25519.sign(pair.getPrivate(), message))).isEqualTo(GOLDEN_LINE);
        assertThat(Cosignature.cosigners(NOTE_TEXT + "\n" + GOLDEN_LINE, List.of(Cosignature.WitnessKey.parse(GOLDEN_KEY))))
                .containsExactly(key);
    }

    @Test
    void theKeyIdOfAWitnessKeyInUseElsewhereIsComputedAlike() {
        // A public witness's verifier key, as the transparency-dev formats tests carry it.
        Cosignature.WitnessKey key = Cosignature.WitnessKey.parse("remora.n621.de+da77ade7+BOvN63jn/bLvkieywe8R6UYAtVtNbZpXh34x7onlmtw2");
        assertThat(HexFormat.of().formatHex(key.keyId())).isEqualTo("da77ade7");
        assertThatThrownBy(() -> Cosignature.WitnessKey.parse("remora.n621.de+da77ade8+BOvN63jn/bLvkieywe8R6UYAtVtNbZpXh34x7onlmtw2"))
                .hasMessageContaining("id does not match");
        assertThatThrownBy(() -> Checkpoint.VerifierKey.parse("remora.n621.de+da77ade7+BOvN63jn/bLvkieywe8R6UYAtVtNbZpXh34x7onlmtw2"))
                .as("a witness key is not a log key").hasMessageContaining("Not an Ed25519 verifier key");
    }

    @Test
    void aCosignedCheckpointStillVerifiesWithTheLogsKeyAndCountsEachWitnessOnce() {
        Signed signed = Signed.checkpoint(7);
        Witnesses witnesses = new Witnesses(2);
        String note = signed.note() + witnesses.cosign(0, signed.note(), TIME) + witnesses.cosign(1, signed.note(), TIME)
                + witnesses.cosign(0, signed.note(), TIME + 60);

        assertThat(Checkpoint.verify(note, signed.logKey())).isEqualTo(signed.checkpoint());
        assertThat(Cosignature.cosigners(note, witnesses.keys())).containsExactlyElementsOf(witnesses.keys());
        assertThat(Cosignature.cosigners(note, List.of(witnesses.keys().get(1)))).containsExactly(witnesses.keys().get(1));
        assertThat(Cosignature.cosigners(signed.note(), witnesses.keys())).isEmpty();
    }

    @Test
    void aChangedByteOrACosignatureMovedToAnotherCheckpointFails() {
        Signed signed = Signed.checkpoint(7);
        Witnesses witnesses = new Witnesses(1);
        String line = witnesses.cosign(0, signed.note(), TIME);
        byte[] bytes = Base64.getDecoder().decode(line.substring(line.lastIndexOf(' ') + 1).trim());
        for (int i = 4; i < bytes.length; i += 7) { // every byte after the key id: timestamp and signature
            byte[] changed = bytes.clone();
            changed[i] ^= 0x01;
            String altered = line.substring(0, line.lastIndexOf(' ') + 1) + Base64.getEncoder().encodeToString(changed) + "\n";
            assertThatThrownBy(() -> Cosignature.cosigners(signed.note() + altered, witnesses.keys()))
                    .as("byte " + i).hasMessageContaining("does not verify");
        }
        Signed other = Signed.checkpoint(8);
        assertThatThrownBy(() -> Cosignature.cosigners(other.note() + line, witnesses.keys()))
                .hasMessageContaining("the cosignature of witness " + witnesses.keys().get(0).name() + " does not verify");
        assertThat(Cosignature.cosigners(signed.note() + line.replace("\u2014 w0 ", "\u2014 someone-else "), witnesses.keys()))
                .as("a line of an unknown key is ignored").isEmpty();
    }

    /** A checkpoint signed by a fresh log key. */
    record Signed(Checkpoint checkpoint, String note, Checkpoint.VerifierKey logKey) {

        static Signed checkpoint(long size) {
            KeyPair log = Ed25519.keyPair(Ed25519.newSeed());
            Checkpoint.VerifierKey key = Checkpoint.VerifierKey.of("example.org/log", Ed25519.rawPublicKey(log.getPublic()));
            Checkpoint checkpoint = new Checkpoint("example.org/log", size, Merkle.leafHash(new byte[] { (byte) size }));
            byte[] signature = Ed25519.sign(log.getPrivate(), checkpoint.body().getBytes(StandardCharsets.UTF_8));
            return new Signed(checkpoint, checkpoint.signedNote(key.name(), key.keyId(), signature), key);
        }
    }

    /** Fresh witness keys named w0, w1, ... */
    static final class Witnesses {
        private final List<KeyPair> pairs;

        Witnesses(int count) {
            pairs = java.util.stream.IntStream.range(0, count).mapToObj(i -> Ed25519.keyPair(Ed25519.newSeed())).toList();
        }

        List<Cosignature.WitnessKey> keys() {
            return java.util.stream.IntStream.range(0, pairs.size())
                    .mapToObj(i -> Cosignature.WitnessKey.of("w" + i, Ed25519.rawPublicKey(pairs.get(i).getPublic()))).toList();
        }

        String cosign(int witness, String note, long time) {
            byte[] message = Cosignature.message(Cosignature.noteText(note), time);
            return Cosignature.line(keys().get(witness), time, Ed25519.sign(pairs.get(witness).getPrivate(), message));
        }
    }
}
