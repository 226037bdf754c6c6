package org.consentledger.ledger.proof;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.consentledger.common.ApiException;
import org.consentledger.ledger.AcknowledgedRecords;
import org.consentledger.ledger.Leaf;
import org.consentledger.ledger.LedgerCheckpoints;
import org.consentledger.ledger.LedgerConfig;
import org.consentledger.ledger.LedgerKeys;
import org.consentledger.ledger.LedgerLeaves;
import org.consentledger.ledger.LedgerNodes;
import org.consentledger.ledger.LedgerReads;
import org.consentledger.ledger.RecordRef;
import org.consentledger.ledger.StoredCheckpoint;
import org.consentledger.verify.Leaves;
import org.consentledger.verify.Merkle;
import org.consentledger.verify.ProofNodes;

/**
 * Checkpoints, the key that signs them, and proofs to them. Proofs are always to a signed
 * checkpoint, so they can be checked offline; the nodes a proof needs are fetched in one query.
 * "The latest" checkpoint is the latest one cosigned by the configured quorum of witnesses.
 */
@ApplicationScoped
public class ProofService {

    private final DataSource dataSource;
    private final LedgerKeys keys;
    private final LedgerConfig config;
    private final AcknowledgedRecords acknowledged;

    /** Without the acknowledged records: proofs by position or by record key only. */
    ProofService(DataSource dataSource, LedgerKeys keys, LedgerConfig config) {
        this(dataSource, keys, config, null);
    }

    @Inject
    ProofService(DataSource dataSource, LedgerKeys keys, LedgerConfig config, AcknowledgedRecords acknowledged) {
        this.dataSource = dataSource;
        this.keys = keys;
        this.config = config;
        this.acknowledged = acknowledged;
    }

    public ProofViews.PublicKey publicKey() {
        var key = keys.verifierKey();
        return new ProofViews.PublicKey(key.name(), "Ed25519", HexFormat.of().formatHex(key.keyId()),
                base64(key.rawPublicKey()), key.encoded(), keys.publicKeyPem());
    }

    public StoredCheckpoint latestCheckpoint() {
        return LedgerReads.read(dataSource, c -> checkpoint(c, null));
    }

    public List<ProofViews.CheckpointView> checkpoints(long fromSize, int limit) {
        return LedgerReads.read(dataSource, c -> LedgerCheckpoints.from(c, fromSize, limit)).stream()
                .map(ProofService::view).toList();
    }

    public ProofViews.InclusionProof inclusionProof(String source, String recordKey, Long seq, Long treeSize) {
        return LedgerReads.read(dataSource, c -> proven(c, checkpoint(c, treeSize),
                seq != null ? LedgerLeaves.at(c, seq) : LedgerLeaves.of(c, new RecordRef(source, recordKey))));
    }

    /**
     * The proof of an acknowledged record's leaf (a consent event's) by the id its receipt states,
     * within {@code scope} (the site's key; null: the one site holding it), under whichever of its
     * possible keys the ledger holds ({@link AcknowledgedRecords#keysOf}).
     */
    public ProofViews.InclusionProof acknowledgedInclusionProof(String id, String scope, Long treeSize) {
        return LedgerReads.read(dataSource, c -> {
            StoredCheckpoint checkpoint = checkpoint(c, treeSize);
            List<RecordRef> refs = acknowledged.keysOf(c, id, scope).stream()
                    .map(key -> new RecordRef(acknowledged.source(), key)).toList();
            Map<RecordRef, Leaf> leaves = LedgerLeaves.ofAll(c, refs);
            return proven(c, checkpoint, refs.stream().map(leaves::get).filter(Objects::nonNull).findFirst());
        });
    }

    private static ProofViews.InclusionProof proven(Connection c, StoredCheckpoint checkpoint, Optional<Leaf> found)
            throws SQLException {
        Leaf leaf = found.orElseThrow(() -> ApiException.notFound("That record is not in the ledger yet"));
        if (leaf.seq() >= checkpoint.treeSize()) {
            throw ApiException.notFound("That record is newer than the checkpoint; try again after the next one");
        }
        return inclusion(c, leaf, checkpoint);
    }

    /** The proof that a checkpoint holds a leaf it covers, read on the caller's connection. */
    public static ProofViews.InclusionProof inclusion(Connection c, Leaf leaf, StoredCheckpoint checkpoint)
            throws SQLException {
        long size = checkpoint.treeSize();
        Merkle.PerfectSubtrees nodes = LedgerNodes.fetch(c, ProofNodes.inclusion(leaf.seq(), size));
        List<byte[]> proof = Merkle.inclusionProof(nodes, leaf.seq(), size);
        return new ProofViews.InclusionProof(leaf.seq(), leaf.source(), leaf.recordKey(), size, base64(leaf.hash()),
                base64(proof), checkpoint.note());
    }

    public ProofViews.ConsistencyProof consistencyProof(long from, Long to) {
        return LedgerReads.read(dataSource, c -> {
            StoredCheckpoint newer = checkpoint(c, to);
            long size = newer.treeSize();
            if (from < 0 || from > size) {
                throw ApiException.invalid("from", "must be between 0 and " + size);
            }
            Merkle.PerfectSubtrees nodes = LedgerNodes.fetch(c, ProofNodes.consistency(from, size));
            List<byte[]> proof = Merkle.consistencyProof(nodes, from, size);
            String older = LedgerCheckpoints.ofSize(c, from).map(StoredCheckpoint::note).orElse(null);
            return new ProofViews.ConsistencyProof(from, size, base64(proof), older, newer.note());
        });
    }

    private StoredCheckpoint checkpoint(Connection c, Long treeSize) throws SQLException {
        if (treeSize == null) {
            return LedgerCheckpoints.published(c, config.witnessQuorum());
        }
        return LedgerCheckpoints.ofSize(c, treeSize)
                .orElseThrow(() -> ApiException.notFound("No checkpoint of that tree size"));
    }

    private static ProofViews.CheckpointView view(StoredCheckpoint c) {
        return new ProofViews.CheckpointView(c.treeSize(), base64(c.rootHash()), c.createdAt(), c.note());
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static List<String> base64(List<byte[]> hashes) {
        return hashes.stream().map(ProofService::base64).toList();
    }
}
