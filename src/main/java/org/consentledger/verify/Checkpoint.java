package org.consentledger.verify;

import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.Base64;

/**
 * A signed tree head in the C2SP tlog-checkpoint format, carried in a C2SP signed note:
 *
 * <pre>
 * &lt;origin&gt;
 * &lt;tree size&gt;
 * &lt;base64 root hash&gt;
 *
 * — &lt;key name&gt; &lt;base64(4-byte key id || 64-byte Ed25519 signature)&gt;
 * </pre>
 *
 * The signature covers the three body lines, each ending in a newline. The key id is the first
 * four bytes of SHA-256(key name || "\n" || 0x01 || 32-byte public key). Witnesses may add
 * their cosignature lines (see {@link Cosignature}); they do not disturb the log's signature.
 */
public record Checkpoint(String origin, long treeSize, byte[] rootHash) {

    static final int SIGNATURE_TYPE = 0x01;

    public String body() {
        return origin + "\n" + treeSize + "\n" + Base64.getEncoder().encodeToString(rootHash) + "\n";
    }

    /** A verifier key as the public-key endpoint publishes it: name+hex key id+base64(0x01 || key). */
    public record VerifierKey(String name, byte[] keyId, byte[] rawPublicKey) {

        public static VerifierKey parse(String encoded) {
            NoteKeys.Parsed key = NoteKeys.parse(encoded, SIGNATURE_TYPE);
            return new VerifierKey(key.name(), key.keyId(), key.rawPublicKey());
        }

        public static VerifierKey of(String name, byte[] rawPublicKey) {
            return new VerifierKey(name, NoteKeys.keyId(name, SIGNATURE_TYPE, rawPublicKey), rawPublicKey);
        }

        public String encoded() {
            return NoteKeys.encode(name, keyId, SIGNATURE_TYPE, rawPublicKey);
        }

        public PublicKey publicKey() {
            return Ed25519.publicKey(rawPublicKey);
        }
    }

    /** The signed note: the body, a blank line, and one signature line. */
    public String signedNote(String keyName, byte[] keyId, byte[] signature) {
        byte[] keyIdAndSignature = Arrays.copyOf(keyId, keyId.length + signature.length);
        System.arraycopy(signature, 0, keyIdAndSignature, keyId.length, signature.length);
        return body() + "\n" + SignedNote.line(keyName, keyIdAndSignature);
    }

    /**
     * Reads the checkpoint a note carries, without checking any signature: for choosing which key
     * to check it with. Nothing read here may be trusted before {@link #verify} succeeds.
     *
     * @throws IllegalArgumentException when the note is not a checkpoint
     */
    public static Checkpoint parse(String note) {
        return fromBody(SignedNote.parse(note).body());
    }

    /**
     * Parses a signed note and checks its signature with {@code key}.
     *
     * @throws IllegalArgumentException naming what is wrong when the note is malformed or not signed by the key
     */
    public static Checkpoint verify(String note, VerifierKey key) {
        SignedNote signed = SignedNote.parse(note);
        Checkpoint checkpoint = fromBody(signed.body());
        for (SignedNote.Line line : signed.signatures()) {
            byte[] decoded = line.keyIdAndSignature();
            if (!line.keyName().equals(key.name()) || decoded.length != 68
                    || !Arrays.equals(Arrays.copyOf(decoded, 4), key.keyId())) {
                continue;
            }
            if (Ed25519.verify(key.rawPublicKey(), signed.body().getBytes(StandardCharsets.UTF_8),
                    Arrays.copyOfRange(decoded, 4, 68))) {
                return checkpoint;
            }
            throw new IllegalArgumentException("checkpoint: signature does not verify with the public key");
        }
        throw new IllegalArgumentException("checkpoint: no signature by key " + key.name());
    }

    private static Checkpoint fromBody(String body) {
        String[] lines = body.split("\n");
        if (lines.length < 3) {
            throw new IllegalArgumentException("checkpoint: needs origin, tree size and root hash lines");
        }
        try {
            return new Checkpoint(lines[0], Long.parseLong(lines[1]), Base64.getDecoder().decode(lines[2]));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("checkpoint: malformed tree size or root hash");
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Checkpoint c && c.origin.equals(origin) && c.treeSize == treeSize
                && Arrays.equals(c.rootHash, rootHash);
    }

    @Override
    public int hashCode() {
        return origin.hashCode() * 31 + Long.hashCode(treeSize) * 17 + Arrays.hashCode(rootHash);
    }
}
