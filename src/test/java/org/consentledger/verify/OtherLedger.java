package org.consentledger.verify;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A ledger with an Ed25519 key of its own, fresh for each instance, that signs receipts and exports of any records. */
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

    /**
     * Its export of the golden event, policy version and admin log records, in that order, as
     * GET /api/v1/ledger/export answers: a header with the checkpoint it signed over them, then
     * one line per leaf.
     */
    public String goldenExport() {
        return export(List.of(Leaves.CONSENT_EVENT, Leaves.POLICY_VERSION, Leaves.ADMIN_LOG),
                List.of(GoldenRecords.CONSENT_EVENT, GoldenRecords.POLICY_VERSION, GoldenRecords.ADMIN_LOG));
    }

    /**
     * Its evidence package of a visitor's golden event, the policy version it names, and the
     * golden record of that event's delivery to a webhook endpoint, as the audit API answers.
     */
    public String goldenEvidence() {
        return evidence(List.of(Leaves.CONSENT_EVENT, Leaves.POLICY_VERSION, Leaves.WEBHOOK_DELIVERY),
                List.of(GoldenRecords.CONSENT_EVENT, GoldenRecords.POLICY_VERSION, GoldenRecords.WEBHOOK_DELIVERY));
    }

    /**
     * Its evidence package of the golden visitor holding these records, one leaf each in this
     * order, each entry with its inclusion proof to the checkpoint it signed over them.
     */
    public String evidence(List<String> sources, List<String> records) {
        List<byte[]> leaves = new ArrayList<>();
        for (int seq = 0; seq < records.size(); seq++) {
            leaves.add(Leaves.hash(seq, sources.get(seq), Json.parseObject(records.get(seq))));
        }
        Merkle.PerfectSubtrees tree = Merkle.inMemory(leaves);
        List<Map<String, Object>> entries = new ArrayList<>();
        for (int seq = 0; seq < records.size(); seq++) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("seq", (long) seq);
            entry.put("source", sources.get(seq));
            entry.put("leafHash", Base64.getEncoder().encodeToString(leaves.get(seq)));
            entry.put("record", Json.parseObject(records.get(seq)));
            entry.put("inclusionProof", Merkle.inclusionProof(tree, seq, leaves.size()).stream()
                    .map(Base64.getEncoder()::encodeToString).toList());
            entries.add(entry);
        }
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("format", "consent-ledger-evidence");
        evidence.put("version", 1L);
        evidence.put("siteKey", GoldenRecords.SITE_KEY);
        evidence.put("verifierKey", key.encoded());
        evidence.put("checkpoint", signedCheckpoint(leaves));
        evidence.put("entries", entries);
        evidence.put("pendingEventIds", List.of());
        evidence.put("pendingDeliveryIds", List.of());
        evidence.put("visitorId", GoldenRecords.VISITOR_ID);
        return CanonicalJson.string(evidence);
    }

    private String signedCheckpoint(List<byte[]> leaves) {
        Checkpoint checkpoint = new Checkpoint(key.name(), leaves.size(), Merkle.root(leaves));
        return checkpoint.signedNote(key.name(), key.keyId(), sign(checkpoint.body().getBytes(StandardCharsets.UTF_8)));
    }

    private String export(List<String> sources, List<String> records) {
        List<byte[]> leaves = new ArrayList<>();
        StringBuilder lines = new StringBuilder();
        for (int seq = 0; seq < records.size(); seq++) {
            Map<String, Object> record = Json.parseObject(records.get(seq));
            byte[] leafHash = Leaves.hash(seq, sources.get(seq), record);
            leaves.add(leafHash);
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("seq", (long) seq);
            entry.put("source", sources.get(seq));
            entry.put("leafHash", Base64.getEncoder().encodeToString(leafHash));
            entry.put("record", record);
            lines.append(CanonicalJson.string(entry)).append('\n');
        }
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("format", "consent-ledger-export");
        header.put("version", 1L);
        header.put("verifierKey", key.encoded());
        header.put("checkpoint", signedCheckpoint(leaves));
        return CanonicalJson.string(header) + "\n" + lines;
    }
}
