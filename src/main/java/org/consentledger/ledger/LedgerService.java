package org.consentledger.ledger;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.consentledger.common.ApiException;
import org.consentledger.ledger.LedgerStore.Leaf;
import org.consentledger.ledger.LedgerStore.StoredCheckpoint;
import org.consentledger.ledger.verify.CanonicalJson;
import org.consentledger.ledger.verify.Leaves;
import org.consentledger.ledger.verify.Merkle;

/** Reads checkpoints, proofs and exports. Proofs are always to a signed checkpoint, so they can be checked offline. */
@ApplicationScoped
public class LedgerService {

    static final int EXPORT_CHUNK = 1000;

    private final DataSource dataSource;
    private final LedgerKeys keys;
    private final LedgerRecords records;

    LedgerService(DataSource dataSource, LedgerKeys keys, LedgerRecords records) {
        this.dataSource = dataSource;
        this.keys = keys;
        this.records = records;
    }

    public LedgerViews.PublicKey publicKey() {
        var key = keys.verifierKey();
        return new LedgerViews.PublicKey(key.name(), "Ed25519", java.util.HexFormat.of().formatHex(key.keyId()),
                base64(key.rawPublicKey()), key.encoded(), keys.publicKeyPem());
    }

    public StoredCheckpoint latestCheckpoint() {
        return withConnection(c -> LedgerStore.latestCheckpoint(c))
                .orElseThrow(() -> ApiException.notFound("No checkpoint has been signed yet"));
    }

    public List<LedgerViews.CheckpointView> checkpoints(long fromSize, int limit) {
        return withConnection(c -> LedgerStore.checkpointsFrom(c, fromSize, limit)).stream().map(LedgerService::view).toList();
    }

    public LedgerViews.InclusionProof inclusionProof(String source, String recordKey, Long seq, Long treeSize) {
        return withConnection(c -> {
            StoredCheckpoint checkpoint = checkpoint(c, treeSize);
            Leaf leaf = (seq != null ? LedgerStore.leafAt(c, seq) : LedgerStore.leafOf(c, source, recordKey))
                    .orElseThrow(() -> ApiException.notFound("That record is not in the ledger yet"));
            if (leaf.seq() >= checkpoint.treeSize()) {
                throw ApiException.notFound("That record is newer than the checkpoint; try again after the next one");
            }
            List<byte[]> proof = Merkle.inclusionProof(LedgerStore.subtrees(c), leaf.seq(), checkpoint.treeSize());
            return new LedgerViews.InclusionProof(leaf.seq(), leaf.source(), leaf.recordKey(), checkpoint.treeSize(),
                    base64(leaf.hash()), base64(proof), checkpoint.note());
        });
    }

    public LedgerViews.ConsistencyProof consistencyProof(long from, Long to) {
        return withConnection(c -> {
            StoredCheckpoint newer = checkpoint(c, to);
            if (from < 0 || from > newer.treeSize()) {
                throw ApiException.invalid("from", "must be between 0 and " + newer.treeSize());
            }
            List<byte[]> proof = Merkle.consistencyProof(LedgerStore.subtrees(c), from, newer.treeSize());
            String older = LedgerStore.checkpointOfSize(c, from).map(StoredCheckpoint::note).orElse(null);
            return new LedgerViews.ConsistencyProof(from, newer.treeSize(), base64(proof), older, newer.note());
        });
    }

    /**
     * Streams the whole ledger up to the latest checkpoint: a header line holding the signed
     * checkpoint, then one line per leaf, read in chunks so memory stays flat.
     */
    public void export(OutputStream out) {
        try (Connection c = dataSource.getConnection()) {
            StoredCheckpoint checkpoint = LedgerStore.latestCheckpoint(c)
                    .orElseThrow(() -> ApiException.notFound("No checkpoint has been signed yet"));
            Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
            Map<String, Object> header = new LinkedHashMap<>();
            header.put("format", "consent-ledger-export");
            header.put("version", 1L);
            header.put("verifierKey", keys.verifierKey().encoded());
            header.put("checkpoint", checkpoint.note());
            writer.write(CanonicalJson.string(header));
            writer.write('\n');
            for (long from = 0; from < checkpoint.treeSize(); from += EXPORT_CHUNK) {
                List<Leaf> leaves = LedgerStore.leafRange(c, from, Math.min(from + EXPORT_CHUNK, checkpoint.treeSize()));
                Map<String, Map<String, Object>> found = records.loadAll(c, leaves.stream().map(Leaf::ref).toList());
                for (Leaf leaf : leaves) {
                    writer.write(CanonicalJson.string(entry(leaf, found.get(leaf.ref().id()), null)));
                    writer.write('\n');
                }
            }
            writer.flush();
        } catch (SQLException e) {
            throw new IllegalStateException("Ledger export failed", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * An evidence package: the visitor's events and the policy versions they were shown, each
     * with its inclusion proof to the latest signed checkpoint. Written as canonical JSON, so
     * records reach the auditor exactly as they were hashed, null fields included.
     */
    @SuppressWarnings("unchecked")
    public String evidence(String siteKey, java.util.UUID siteId, java.util.UUID visitorId) {
        return withConnection(c -> {
            StoredCheckpoint checkpoint = LedgerStore.latestCheckpoint(c)
                    .orElseThrow(() -> ApiException.notFound("No checkpoint has been signed yet"));
            Merkle.PerfectSubtrees tree = LedgerStore.subtrees(c);
            List<Map<String, Object>> entries = new ArrayList<>();
            List<String> pending = new ArrayList<>();
            List<String> eventIds = EvidenceQueries.eventIdsOf(c, siteId, visitorId);
            Map<String, Map<String, Object>> events = records.load(c, Leaves.CONSENT_EVENT, eventIds);
            java.util.LinkedHashSet<String> shown = new java.util.LinkedHashSet<>();
            for (String eventId : eventIds) {
                Optional<Leaf> leaf = LedgerStore.leafOf(c, Leaves.CONSENT_EVENT, eventId);
                if (leaf.isEmpty() || leaf.get().seq() >= checkpoint.treeSize()) {
                    pending.add(eventId);
                    continue;
                }
                Map<String, Object> record = events.get(eventId);
                shown.addAll((List<String>) record.get("documentVersionIds"));
                entries.add(entry(leaf.get(), record, Merkle.inclusionProof(tree, leaf.get().seq(), checkpoint.treeSize())));
            }
            Map<String, Map<String, Object>> versions = records.load(c, Leaves.POLICY_VERSION, List.copyOf(shown));
            for (String versionId : shown) {
                Leaf leaf = LedgerStore.leafOf(c, Leaves.POLICY_VERSION, versionId)
                        .filter(l -> l.seq() < checkpoint.treeSize())
                        .orElseThrow(() -> new IllegalStateException("A shown policy version is not in the checkpoint"));
                entries.add(entry(leaf, versions.get(versionId), Merkle.inclusionProof(tree, leaf.seq(), checkpoint.treeSize())));
            }
            Map<String, Object> evidence = new LinkedHashMap<>();
            evidence.put("format", "consent-ledger-evidence");
            evidence.put("version", 1L);
            evidence.put("siteKey", siteKey);
            evidence.put("visitorId", visitorId.toString());
            evidence.put("verifierKey", keys.verifierKey().encoded());
            evidence.put("checkpoint", checkpoint.note());
            evidence.put("entries", entries);
            evidence.put("pendingEventIds", pending);
            return CanonicalJson.string(evidence);
        });
    }

    private static Map<String, Object> entry(Leaf leaf, Map<String, Object> record, List<byte[]> proof) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("seq", leaf.seq());
        entry.put("source", leaf.source());
        entry.put("leafHash", base64(leaf.hash()));
        entry.put("record", record);
        if (proof != null) {
            entry.put("inclusionProof", base64(proof));
        }
        return entry;
    }

    private static StoredCheckpoint checkpoint(Connection c, Long treeSize) throws SQLException {
        Optional<StoredCheckpoint> found = treeSize == null ? LedgerStore.latestCheckpoint(c)
                : LedgerStore.checkpointOfSize(c, treeSize);
        return found.orElseThrow(() -> ApiException.notFound(treeSize == null ? "No checkpoint has been signed yet"
                : "No checkpoint of that tree size"));
    }

    static LedgerViews.CheckpointView view(StoredCheckpoint c) {
        return new LedgerViews.CheckpointView(c.treeSize(), base64(c.rootHash()), c.createdAt(), c.note());
    }

    private interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T withConnection(SqlWork<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new IllegalStateException("Ledger read failed", e);
        }
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static List<String> base64(List<byte[]> hashes) {
        return hashes.stream().map(LedgerService::base64).toList();
    }
}
