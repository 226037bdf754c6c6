package org.consentledger.ledger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

import jakarta.enterprise.context.ApplicationScoped;

import org.consentledger.common.Pem;
import org.consentledger.ledger.verify.Checkpoint;

import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;

/**
 * The Ed25519 key that signs checkpoints. It comes from configuration; only the local trial
 * profile generates one (and keeps it). Without a key the service refuses to start, because an
 * unsigned ledger proves nothing.
 */
@ApplicationScoped
@Startup // so a missing key stops the service at start, not at its first checkpoint
public class LedgerKeys {

    private static final byte[] PKCS8_PREFIX = HexFormat.of().parseHex("302e020100300506032b657004220420");

    private final KeyPair pair;
    private final Checkpoint.VerifierKey verifierKey;

    LedgerKeys(LedgerConfig ledger) {
        byte[] seed = ledger.signingKey().map(LedgerKeys::seedFromText)
                .or(() -> ledger.signingKeyFile().map(file -> seedFromFile(Path.of(file), ledger.generateKey())))
                .orElseThrow(() -> new IllegalStateException("The ledger needs a signing key: set "
                        + "CONSENT_LEDGER_SIGNING_KEY or CONSENT_LEDGER_SIGNING_KEY_FILE (an Ed25519 PKCS#8 PEM)"));
        this.pair = keyPairFromSeed(seed);
        byte[] spki = pair.getPublic().getEncoded();
        this.verifierKey = Checkpoint.VerifierKey.of(ledger.origin(), Arrays.copyOfRange(spki, spki.length - 32, spki.length));
    }

    public byte[] sign(byte[] message) {
        try {
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(pair.getPrivate());
            signer.update(message);
            return signer.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not sign a checkpoint", e);
        }
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
                byte[] seed = new byte[32];
                new SecureRandom().nextBytes(seed);
                Files.createDirectories(file.toAbsolutePath().getParent());
                Files.writeString(file, Pem.encode("PRIVATE KEY", concat(PKCS8_PREFIX, seed)));
                Log.infof("Generated a ledger signing key in %s", file.toAbsolutePath());
            }
            return seedFromPkcs8(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the ledger signing key " + file, e);
        }
    }

    private static byte[] seedFromPkcs8(String pem) {
        String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        byte[] der = Base64.getDecoder().decode(base64);
        if (der.length != 48 || !Arrays.equals(Arrays.copyOf(der, 16), PKCS8_PREFIX)) {
            throw new IllegalStateException("The ledger signing key must be an Ed25519 private key in PKCS#8 PEM");
        }
        return Arrays.copyOfRange(der, 16, 48);
    }

    /** The JDK derives the public key only while generating, so the generator is fed the seed. */
    private static KeyPair keyPairFromSeed(byte[] seed) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
            generator.initialize(255, new SecureRandom() {
                @Override
                public void nextBytes(byte[] bytes) {
                    System.arraycopy(seed, 0, bytes, 0, bytes.length);
                }
            });
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }


    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
