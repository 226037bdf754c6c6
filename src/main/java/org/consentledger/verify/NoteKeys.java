package org.consentledger.verify;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * C2SP signed-note verifier keys, {@code name+hex key id+base64(type || public key)}, for every
 * signature type used here: 0x01 for the log's note signatures, 0x04 for witness cosignatures.
 * The key id is SHA-256(name || "\n" || type || public key)[:4].
 */
final class NoteKeys {

    /** A decoded key whose id has been checked against its name, type and key. */
    record Parsed(String name, byte[] keyId, byte[] rawPublicKey) {
    }

    private NoteKeys() {
    }

    static Parsed parse(String encoded, int type) {
        String[] parts = encoded.trim().split("\\+", 3); // base64 may itself contain +
        if (parts.length != 3) {
            throw new IllegalArgumentException("A verifier key has the form name+keyid+base64key");
        }
        byte[] typed;
        byte[] keyId;
        try {
            typed = Base64.getDecoder().decode(parts[2]);
            keyId = HexFormat.of().parseHex(parts[1]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("A verifier key has the form name+keyid+base64key");
        }
        if (typed.length != 33 || typed[0] != type) {
            throw new IllegalArgumentException(type == 0x01 ? "Not an Ed25519 verifier key"
                    : String.format("Not an Ed25519 key of signature type 0x%02x", type));
        }
        byte[] raw = Arrays.copyOfRange(typed, 1, 33);
        if (!Arrays.equals(keyId, keyId(parts[0], type, raw))) {
            throw new IllegalArgumentException("The verifier key's id does not match its key");
        }
        return new Parsed(parts[0], keyId, raw);
    }

    static String encode(String name, byte[] keyId, int type, byte[] rawPublicKey) {
        byte[] typed = new byte[33];
        typed[0] = (byte) type;
        System.arraycopy(rawPublicKey, 0, typed, 1, 32);
        return name + "+" + HexFormat.of().formatHex(keyId) + "+" + Base64.getEncoder().encodeToString(typed);
    }

    static byte[] keyId(String name, int type, byte[] rawPublicKey) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((name + "\n").getBytes(StandardCharsets.UTF_8));
            sha.update((byte) type);
            return Arrays.copyOf(sha.digest(rawPublicKey), 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
