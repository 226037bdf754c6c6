package org.consentledger.witness;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.consentledger.verify.Checkpoint;
import org.consentledger.verify.Ed25519;
import org.consentledger.verify.Merkle;

/** A log in memory with its own signing key, to feed a witness honest growth and forks. */
final class TestLog {

    static final String ORIGIN = "example.org/test-log";

    private final KeyPair key;
    private final List<byte[]> leaves;

    private TestLog(KeyPair key, List<byte[]> leaves) {
        this.key = key;
        this.leaves = leaves;
    }

    /** A log of {@code size} leaves under a fresh key. */
    static TestLog of(int size) {
        TestLog log = new TestLog(Ed25519.keyPair(Ed25519.newSeed()), new ArrayList<>());
        log.grow(size);
        return log;
    }

    void grow(int count) {
        for (int i = 0; i < count; i++) {
            leaves.add(Merkle.leafHash(("entry " + leaves.size()).getBytes(StandardCharsets.UTF_8)));
        }
    }

    /** The same key and leaves, except leaf {@code index}: what a log rewriting its history would sign. */
    TestLog forkedAt(int index) {
        List<byte[]> copy = new ArrayList<>(leaves);
        copy.set(index, Merkle.leafHash("rewritten".getBytes(StandardCharsets.UTF_8)));
        return new TestLog(key, copy);
    }

    Checkpoint.VerifierKey verifierKey() {
        return Checkpoint.VerifierKey.of(ORIGIN, Ed25519.rawPublicKey(key.getPublic()));
    }

    Checkpoint checkpoint(long size) {
        return new Checkpoint(ORIGIN, size, Merkle.root(leaves.subList(0, (int) size)));
    }

    String note(long size) {
        Checkpoint checkpoint = checkpoint(size);
        byte[] signature = Ed25519.sign(key.getPrivate(), checkpoint.body().getBytes(StandardCharsets.UTF_8));
        return checkpoint.signedNote(ORIGIN, verifierKey().keyId(), signature);
    }

    /** An add-checkpoint body: old size, the proof from it to {@code size}, then the signed checkpoint. */
    String request(long old, long size) {
        StringBuilder body = new StringBuilder("old ").append(old).append('\n');
        for (byte[] hash : Merkle.consistencyProof(Merkle.inMemory(leaves), old, size)) {
            body.append(Base64.getEncoder().encodeToString(hash)).append('\n');
        }
        return body.append('\n').append(note(size)).toString();
    }
}
