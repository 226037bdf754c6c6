package org.consentledger.ledger.proof;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.consentledger.common.ApiException;
import org.consentledger.consent.EventKey;
import org.consentledger.consent.EventStore;
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

    ProofService(DataSource dataSource, LedgerKeys keys, LedgerConfig config) {
        this.dataSource = dataSource;
        this.keys = keys;
        this.config = config;
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
     * The proof of an event's leaf: the event with this eventId on the site named, or with no site
     * named, on the one site that holds it. An eventId is unique within its site only (V30), so one
     * held by several sites needs the site.
     */
    public ProofViews.InclusionProof eventInclusionProof(UUID eventId, String siteKey, Long treeSize) {
        return LedgerReads.read(dataSource, c -> {
            StoredCheckpoint checkpoint = checkpoint(c, treeSize);
            List<RecordRef> refs = eventRefs(c, eventId, siteKey);
            Map<RecordRef, Leaf> leaves = LedgerLeaves.ofAll(c, refs);
            return proven(c, checkpoint, refs.stream().map(leaves::get).filter(Objects::nonNull).findFirst());
        });
    }

    private static List<RecordRef> eventRefs(Connection c, UUID eventId, String siteKey) throws SQLException {
        if (siteKey != null) {
            return EventKey.refs(siteKey, eventId);
        }
        List<String> sites = EventStore.siteKeysOf(c, eventId);
        if (sites.size() > 1) {
            throw ApiException.invalid("siteKey", sites.size() + " sites hold an event with this eventId; name the site");
        }
        return sites.isEmpty() ? List.of(new RecordRef(Leaves.CONSENT_EVENT, eventId.toString()))
                : EventKey.refs(sites.get(0), eventId);
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
