package org.consentledger.verify;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * A witness's cosignature on a checkpoint, in the C2SP tlog-cosignature format cosignature/v1
 * (Ed25519): a signed-note line {@code — <witness name> base64(key id || timestamp || signature)},
 * where the key id uses signature type 0x04, the timestamp is 8 bytes big-endian (POSIX seconds),
 * and the Ed25519 signature covers
 *
 * <pre>
 * cosignature/v1
 * time &lt;timestamp&gt;
 * &lt;the checkpoint's note text: origin, size, root hash lines&gt;
 * </pre>
 *
 * It states that, at that time, this was the largest tree the witness had seen consistent growth to.
 */
public final class Cosignature {

    static final int SIGNATURE_TYPE = 0x04;
    private static final int LENGTH = 4 + 8 + 64;

    private Cosignature() {
    }

    /** A witness's verifier key: name+hex key id+base64(0x04 || key). */
    public record WitnessKey(String name, byte[] keyId, byte[] rawPublicKey) {

        public static WitnessKey parse(String encoded) {
            NoteKeys.Parsed key = NoteKeys.parse(encoded, SIGNATURE_TYPE);
            return new WitnessKey(key.name(), key.keyId(), key.rawPublicKey());
        }

        public static WitnessKey of(String name, byte[] rawPublicKey) {
            if (name.isEmpty() || name.contains(" ") || name.contains("+")) {
                throw new IllegalArgumentException("A key name is not empty and holds no space or +");
            }
            return new WitnessKey(name, NoteKeys.keyId(name, SIGNATURE_TYPE, rawPublicKey), rawPublicKey);
        }

        public String encoded() {
            return NoteKeys.encode(name, keyId, SIGNATURE_TYPE, rawPublicKey);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof WitnessKey k && k.name.equals(name) && Arrays.equals(k.rawPublicKey, rawPublicKey);
        }

        @Override
        public int hashCode() {
            return name.hashCode() * 31 + Arrays.hashCode(rawPublicKey);
        }
    }

    /** What the witness signs: the header, the time line, then the note text of the checkpoint. */
    public static byte[] message(String noteText, long timestamp) {
        return ("cosignature/v1\ntime " + timestamp + "\n" + noteText).getBytes(StandardCharsets.UTF_8);
    }

    /** The note text a cosignature on this signed note covers: everything before the blank line. */
    public static String noteText(String note) {
        return SignedNote.parse(note).body();
    }

    /** The signature line, ending in a newline, ready to be appended to the note. */
    public static String line(WitnessKey key, long timestamp, byte[] signature) {
        ByteBuffer bytes = ByteBuffer.allocate(LENGTH).put(key.keyId()).putLong(timestamp).put(signature);
        return SignedNote.line(key.name(), bytes.array());
    }

    /**
     * The given witnesses whose cosignature on the note verifies, each once. Lines of other keys
     * are ignored, as signed notes require.
     *
     * @throws IllegalArgumentException when the note is malformed, or a line of a given witness key fails to verify
     */
    public static List<WitnessKey> cosigners(String note, Collection<WitnessKey> witnesses) {
        SignedNote signed = SignedNote.parse(note);
        List<WitnessKey> found = new ArrayList<>();
        for (SignedNote.Line line : signed.signatures()) {
            for (WitnessKey witness : witnesses) {
                byte[] bytes = line.keyIdAndSignature();
                if (!line.keyName().equals(witness.name()) || bytes.length < 4
                        || !Arrays.equals(Arrays.copyOf(bytes, 4), witness.keyId())) {
                    continue;
                }
                if (!valid(bytes, signed.body(), witness)) {
                    throw new IllegalArgumentException("checkpoint: the cosignature of witness " + witness.name()
                            + " does not verify");
                }
                if (!found.contains(witness)) {
                    found.add(witness);
                }
            }
        }
        return found;
    }

    private static boolean valid(byte[] bytes, String noteText, WitnessKey witness) {
        if (bytes.length != LENGTH) {
            return false;
        }
        long timestamp = ByteBuffer.wrap(bytes, 4, 8).getLong();
        return timestamp >= 0 && Ed25519.verify(witness.rawPublicKey(), message(noteText, timestamp),
                Arrays.copyOfRange(bytes, 12, LENGTH));
    }
}
