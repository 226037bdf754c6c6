package org.consentledger.ledger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Base64;

import jakarta.inject.Singleton;

import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.consentledger.common.Pem;
import org.consentledger.verify.Checkpoint;
import org.consentledger.verify.Ed25519;

import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;

/**
 * The Ed25519 key that signs checkpoints. It comes from configuration; only the local trial
 * profile generates one (and keeps it). Without a key the service refuses to start, because an
 * unsigned ledger proves nothing.
 */
@Singleton
@Startup // so a missing key stops the service at start, not at its first checkpoint
public class LedgerKeys {

    private final KeyPair pair;
    /** Signs through Bouncy Castle: the JDK's Ed25519 takes about a millisecond a signature, and every receipt is one. */
    private final Ed25519PrivateKeyParameters signingKey;
    private final Checkpoint.VerifierKey verifierKey;

    LedgerKeys(LedgerConfig ledger) {
        byte[] seed = ledger.signingKey().map(LedgerKeys::seedFromText)
                .or(() -> ledger.signingKeyFile().map(file -> seedFromFile(Path.of(file), ledger.generateKey())))
                .orElseThrow(() -> new IllegalStateException("The ledger needs a signing key: set "
                        + "CONSENT_LEDGER_SIGNING_KEY or CONSENT_LEDGER_SIGNING_KEY_FILE (an Ed25519 PKCS#8 PEM)"));
        this.pair = Ed25519.keyPair(seed);
        this.signingKey = new Ed25519PrivateKeyParameters(seed);
        this.verifierKey = Checkpoint.VerifierKey.of(ledger.origin(), Ed25519.rawPublicKey(pair.getPublic()));
    }

    /** Ed25519 signatures are deterministic (RFC 8032): these are the bytes the JDK would make. */
    public byte[] sign(byte[] message) {
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, signingKey);
        signer.update(message, 0, message.length);
        return signer.generateSignature();
    }

    public String signedNote(Checkpoint checkpoint) {
        byte[] signature = sign(checkpoint.body().getBytes(StandardCharsets.UTF_8));
        return checkpoint.signedNote(verifierKey.name(), verifierKey.keyId(), signature);
    }

    public Checkpoint.VerifierKey verifierKey() {
        return verifierKey;
    }

    public String publicKeyPem() {
        return Pem.encode("PUBLIC KEY", pair.getPublic().getEncoded());
    }

    private static byte[] seedFromText(String text) {
        String trimmed = text.trim();
        if (trimmed.startsWith("-----BEGIN")) {
            return seedFromPkcs8(trimmed);
        }
        byte[] seed = Base64.getDecoder().decode(trimmed);
        if (seed.length != 32) {
            throw new IllegalStateException("CONSENT_LEDGER_SIGNING_KEY must be a PEM or the base64 of a 32-byte seed");
        }
        return seed;
    }

    private static byte[] seedFromFile(Path file, boolean generateIfMissing) {
        try {
            if (!Files.exists(file) && generateIfMissing) {
                Files.createDirectories(file.toAbsolutePath().getParent());
                Files.writeString(file, Ed25519.pem(Ed25519.newSeed()));
                Log.infof("Generated a ledger signing key in %s", file.toAbsolutePath());
            }
            return seedFromPkcs8(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the ledger signing key " + file, e);
        }
    }

    private static byte[] seedFromPkcs8(String pem) {
        try {
            return Ed25519.seedFromPem(pem);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("The ledger signing key must be an Ed25519 private key in PKCS#8 PEM");
        }
    }
}
