package org.consentledger.ledger.proof;

import java.time.Instant;
import java.util.List;

/** What the ledger endpoints return. Hashes are base64, as in checkpoints. */
public final class ProofViews {

    private ProofViews() {
    }

    public record PublicKey(String origin, String algorithm, String keyId, String publicKey, String verifierKey,
            String publicKeyPem) {
    }

    public record CheckpointView(long treeSize, String rootHash, Instant createdAt, String checkpoint) {
    }

    public record CheckpointPage(List<CheckpointView> items) {
    }

    public record InclusionProof(long seq, String source, String recordKey, long treeSize, String leafHash,
            List<String> proof, String checkpoint) {
    }

    public record ConsistencyProof(long from, long to, List<String> proof, String fromCheckpoint, String toCheckpoint) {
    }
}
