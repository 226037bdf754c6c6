package org.consentledger.verify;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Ed25519 keys as signed notes use them (32-byte raw public keys) and as files keep them (PKCS#8
 * PEM), with the JDK alone. It lives here, with the verifier, because the witness process and the
 * service sign with the same helpers the verifier checks with, and the witness may import nothing
 * but the JDK and this package.
 */
public final class Ed25519 {

    private static final byte[] PKCS8_PREFIX = HexFormat.of().parseHex("302e020100300506032b657004220420");
    private static final byte[] SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    private Ed25519() {
    }

    /** The 32-byte seed of an Ed25519 private key in PKCS#8 PEM. */
    public static byte[] seedFromPem(String pem) {
        byte[] der;
        try {
            der = Base64.getDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", ""));
        } catch (IllegalArgumentException e) {
            der = new byte[0];
        }
        if (der.length != 48 || !Arrays.equals(Arrays.copyOf(der, 16), PKCS8_PREFIX)) {
            throw new IllegalArgumentException("not an Ed25519 private key in PKCS#8 PEM");
        }
        return Arrays.copyOfRange(der, 16, 48);
    }

    /** The seed as a PKCS#8 PEM file, as {@code openssl genpkey -algorithm ed25519} writes it. */
    public static String pem(byte[] seed) {
        byte[] der = Arrays.copyOf(PKCS8_PREFIX, 48);
        System.arraycopy(seed, 0, der, 16, 32);
        return "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END PRIVATE KEY-----\n";
    }

    /** The JDK derives the public key only while generating, so the generator is fed the seed. */
    public static KeyPair keyPair(byte[] seed) {
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
            throw new IllegalStateException("Ed25519 is part of every Java 17 runtime", e);
        }
    }

    public static byte[] newSeed() {
        byte[] seed = new byte[32];
        new SecureRandom().nextBytes(seed);
        return seed;
    }

    /** The 32 bytes RFC 8032 calls the public key: the end of its X.509 encoding. */
    public static byte[] rawPublicKey(PublicKey key) {
        byte[] spki = key.getEncoded();
        return Arrays.copyOfRange(spki, spki.length - 32, spki.length);
    }

    public static PublicKey publicKey(byte[] raw) {
        try {
            byte[] spki = Arrays.copyOf(SPKI_PREFIX, SPKI_PREFIX.length + 32);
            System.arraycopy(raw, 0, spki, SPKI_PREFIX.length, 32);
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("Not an Ed25519 public key", e);
        }
    }

    public static byte[] sign(PrivateKey key, byte[] message) {
        try {
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(key);
            signer.update(message);
            return signer.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not sign with Ed25519", e);
        }
    }

    public static boolean verify(byte[] rawPublicKey, byte[] message, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(publicKey(rawPublicKey));
            verifier.update(message);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }
}
