package org.consentledger.verify;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** A ledger with an Ed25519 key of its own, fresh for each instance, that signs receipts of any record. */
public final class OtherLedger {

    private final KeyPair pair;
    private final Checkpoint.VerifierKey key;

    public OtherLedger(String origin) {
        try {
            pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        byte[] spki = pair.getPublic().getEncoded();
        key = Checkpoint.VerifierKey.of(origin, Arrays.copyOfRange(spki, spki.length - 32, spki.length));
    }

    public Checkpoint.VerifierKey key() {
        return key;
    }

    public String keyIdHex() {
        return HexFormat.of().formatHex(key.keyId());
    }

    /** Its receipt of an event record, signed alone (a batch of one), as canonical JSON. */
    public String receipt(Map<String, Object> eventRecord, Instant includedBy) {
        return CanonicalJson.string(batch(List.of(eventRecord), includedBy).get(0));
    }

    /** Its receipts of event records signed together, in order. */
    public List<Map<String, Object>> batch(List<Map<String, Object>> eventRecords, Instant includedBy) {
        List<Map<String, Object>> statements = eventRecords.stream()
                .map(record -> Receipt.statement(key, record, includedBy)).toList();
        return Receipt.signedBatch(key, statements, statements.stream().map(Receipt::leafHash).toList(), this::sign);
    }

    private byte[] sign(byte[] message) {
        try {
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(pair.getPrivate());
            signer.update(message);
            return signer.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Its receipt of the golden event record. */
    public String goldenReceipt(Instant includedBy) {
        return receipt(Json.parseObject(GoldenRecords.CONSENT_EVENT), includedBy);
    }
}
