package org.consentledger.ledger.verify;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

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
 * four bytes of SHA-256(key name || "\n" || 0x01 || 32-byte public key).
 */
public record Checkpoint(String origin, long treeSize, byte[] rootHash) {

    static final String SIGNATURE_PREFIX = "\u2014 ";
    private static final byte[] ED25519_SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    public String body() {
        return origin + "\n" + treeSize + "\n" + Base64.getEncoder().encodeToString(rootHash) + "\n";
    }

    /** A verifier key as the public-key endpoint publishes it: name+hex key id+base64(0x01 || key). */
    public record VerifierKey(String name, byte[] keyId, byte[] rawPublicKey) {

        public static VerifierKey parse(String encoded) {
            String[] parts = encoded.trim().split("\\+", 3); // base64 may itself contain +
            if (parts.length != 3) {
                throw new IllegalArgumentException("A verifier key has the form name+keyid+base64key");
            }
            byte[] typed = Base64.getDecoder().decode(parts[2]);
            if (typed.length != 33 || typed[0] != 0x01) {
                throw new IllegalArgumentException("Not an Ed25519 verifier key");
            }
            VerifierKey key = new VerifierKey(parts[0], HexFormat.of().parseHex(parts[1]), Arrays.copyOfRange(typed, 1, 33));
            if (!Arrays.equals(key.keyId, keyId(key.name, key.rawPublicKey))) {
                throw new IllegalArgumentException("The verifier key's id does not match its key");
            }
            return key;
        }

        public static VerifierKey of(String name, byte[] rawPublicKey) {
            return new VerifierKey(name, keyId(name, rawPublicKey), rawPublicKey);
        }

        public String encoded() {
            byte[] typed = new byte[33];
            typed[0] = 0x01;
            System.arraycopy(rawPublicKey, 0, typed, 1, 32);
            return name + "+" + HexFormat.of().formatHex(keyId) + "+" + Base64.getEncoder().encodeToString(typed);
        }

        public PublicKey publicKey() {
            try {
                byte[] spki = new byte[ED25519_SPKI_PREFIX.length + 32];
                System.arraycopy(ED25519_SPKI_PREFIX, 0, spki, 0, ED25519_SPKI_PREFIX.length);
                System.arraycopy(rawPublicKey, 0, spki, ED25519_SPKI_PREFIX.length, 32);
                return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
            } catch (GeneralSecurityException e) {
                throw new IllegalArgumentException("Not an Ed25519 public key", e);
            }
        }

        static byte[] keyId(String name, byte[] rawPublicKey) {
            try {
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                sha.update((name + "\n").getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0x01);
                return Arrays.copyOf(sha.digest(rawPublicKey), 4);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** The signed note: the body, a blank line, and one signature line. */
    public String signedNote(String keyName, byte[] keyId, byte[] signature) {
        byte[] keyIdAndSignature = new byte[keyId.length + signature.length];
        System.arraycopy(keyId, 0, keyIdAndSignature, 0, keyId.length);
        System.arraycopy(signature, 0, keyIdAndSignature, keyId.length, signature.length);
        return body() + "\n" + SIGNATURE_PREFIX + keyName + " " + Base64.getEncoder().encodeToString(keyIdAndSignature) + "\n";
    }

    /**
     * Parses a signed note and checks its signature with {@code key}.
     *
     * @throws IllegalArgumentException naming what is wrong when the note is malformed or not signed by the key
     */
    public static Checkpoint verify(String note, VerifierKey key) {
        int split = note.indexOf("\n\n");
        if (split < 0) {
            throw new IllegalArgumentException("checkpoint: no signature block");
        }
        String body = note.substring(0, split + 1);
        String[] lines = body.split("\n");
        if (lines.length < 3) {
            throw new IllegalArgumentException("checkpoint: needs origin, tree size and root hash lines");
        }
        Checkpoint checkpoint;
        try {
            checkpoint = new Checkpoint(lines[0], Long.parseLong(lines[1]), Base64.getDecoder().decode(lines[2]));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("checkpoint: malformed tree size or root hash");
        }
        for (String line : note.substring(split + 2).split("\n")) {
            if (!line.startsWith(SIGNATURE_PREFIX)) {
                continue;
            }
            String[] parts = line.substring(SIGNATURE_PREFIX.length()).split(" ");
            if (parts.length != 2 || !parts[0].equals(key.name())) {
                continue;
            }
            byte[] decoded = Base64.getDecoder().decode(parts[1]);
            if (decoded.length != 68 || !Arrays.equals(Arrays.copyOf(decoded, 4), key.keyId())) {
                continue;
            }
            if (signatureValid(key, body.getBytes(StandardCharsets.UTF_8), Arrays.copyOfRange(decoded, 4, 68))) {
                return checkpoint;
            }
            throw new IllegalArgumentException("checkpoint: signature does not verify with the public key");
        }
        throw new IllegalArgumentException("checkpoint: no signature by key " + key.name());
    }

    static boolean signatureValid(VerifierKey key, byte[] message, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(key.publicKey());
            verifier.update(message);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
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
