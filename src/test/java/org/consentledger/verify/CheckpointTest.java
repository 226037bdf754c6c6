package org.consentledger.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Arrays;
import java.util.Base64;

import org.junit.jupiter.api.Test;

class CheckpointTest {

    private static final String ORIGIN = "example.org/consent-ledger";

    @Test
    void aSignedNoteHasTheTlogCheckpointLayoutAndVerifies() throws Exception {
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        Checkpoint.VerifierKey key = key(pair);
        Checkpoint checkpoint = new Checkpoint(ORIGIN, 42, Merkle.leafHash(new byte[] { 1 }));
        String note = sign(checkpoint, pair, key);

        String[] lines = note.split("\n", -1);
        assertThat(lines[0]).isEqualTo(ORIGIN);
        assertThat(lines[1]).isEqualTo("42");
        assertThat(Base64.getDecoder().decode(lines[2])).isEqualTo(checkpoint.rootHash());
        assertThat(lines[3]).isEmpty();
        assertThat(lines[4]).startsWith("\u2014 " + ORIGIN + " ");
        assertThat(Base64.getDecoder().decode(lines[4].substring(lines[4].lastIndexOf(' ') + 1))).hasSize(68);
        assertThat(Checkpoint.verify(note, key)).isEqualTo(checkpoint);
        assertThat(Checkpoint.VerifierKey.parse(key.encoded()).encoded()).isEqualTo(key.encoded());
    }

    @Test
    void anEditedNoteOrAnotherKeysSignatureIsRejected() throws Exception {
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        Checkpoint.VerifierKey key = key(pair);
        String note = sign(new Checkpoint(ORIGIN, 42, Merkle.leafHash(new byte[] { 1 })), pair, key);

        assertThatThrownBy(() -> Checkpoint.verify(note.replace("\n42\n", "\n43\n"), key))
                .hasMessageContaining("signature does not verify");

        KeyPair other = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        String forged = sign(new Checkpoint(ORIGIN, 42, Merkle.leafHash(new byte[] { 1 })), other, key(other));
        assertThatThrownBy(() -> Checkpoint.verify(forged, key)).hasMessageContaining("no signature by key");
    }

    private static Checkpoint.VerifierKey key(KeyPair pair) {
        byte[] spki = pair.getPublic().getEncoded();
        return Checkpoint.VerifierKey.of(ORIGIN, Arrays.copyOfRange(spki, spki.length - 32, spki.length));
    }

    private static String sign(Checkpoint checkpoint, KeyPair pair, Checkpoint.VerifierKey key) throws Exception {
        Signature signer = Signature.getInstance("Ed25519");
        signer.initSign(pair.getPrivate());
        signer.update(checkpoint.body().getBytes(StandardCharsets.UTF_8));
        return checkpoint.signedNote(key.name(), key.keyId(), signer.sign());
    }
}
