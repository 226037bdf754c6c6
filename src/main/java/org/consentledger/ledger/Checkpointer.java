package org.consentledger.ledger;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.consentledger.verify.Checkpoint;
import org.consentledger.verify.Merkle;
import org.consentledger.verify.NodeId;
import org.consentledger.verify.ProofNodes;

/**
 * Signs a checkpoint of the tree as it stands, when it has grown since the last one. All are
 * kept. It never signs a tree that does not extend the last checkpoint it signed itself: the
 * database may have been rewritten by someone who holds it but not the signing key. Once a tree
 * fails to, it halts for good and its alarm, "signing", stays raised.
 */
@ApplicationScoped
public class Checkpointer implements LedgerAlarm {

    @Inject DataSource dataSource;
    @Inject LedgerKeys keys;
    @Inject SignedHead signedHead;
    @Inject Clock clock;
    private final LatchedAlarm forkRefused = new LatchedAlarm();

    /** @return the new checkpoint's tree size, or empty when nothing was signed */
    public synchronized Optional<Long> checkpoint() {
        if (forkRefused.reason().isPresent()) {
            return Optional.empty();
        }
        try (Connection c = dataSource.getConnection()) {
            long size = LedgerLeaves.size(c);
            Optional<StoredCheckpoint> latest = LedgerCheckpoints.latest(c);
            Optional<Checkpoint> signed = signedHead.last(latest);
            if (size == 0 || size <= latest.map(StoredCheckpoint::treeSize).orElse(-1L)
                    && signed.map(s -> s.treeSize() <= size).orElse(true)) {
                return Optional.empty();
            }
            long from = signed.map(Checkpoint::treeSize).orElse(0L);
            List<NodeId> nodes = ProofNodes.root(size);
            nodes.addAll(ProofNodes.consistency(Math.min(from, size), size));
            Merkle.PerfectSubtrees tree = LedgerNodes.fetch(c, nodes);
            byte[] root = Merkle.root(tree, size);
            if (signed.isPresent() && !extendsSigned(signed.get(), tree, size, root)) {
                return Optional.empty();
            }
            Checkpoint checkpoint = new Checkpoint(keys.verifierKey().name(), size, root);
            String note = keys.signedNote(checkpoint);
            LedgerStore.insertCheckpoint(c, size, root, note, Instant.now(clock));
            signedHead.remember(checkpoint, note);
            return Optional.of(size);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not make a checkpoint", e);
        }
    }

    /** Whether the tree (size, root) extends the signed one; halts signing for good when it does not. */
    private boolean extendsSigned(Checkpoint signed, Merkle.PerfectSubtrees tree, long size, byte[] root) {
        boolean consistent = size >= signed.treeSize() && Merkle.verifyConsistency(signed.treeSize(), size,
                signed.rootHash(), root, Merkle.consistencyProof(tree, signed.treeSize(), size));
        if (!consistent) {
            forkRefused.raise(String.format("Ledger fork refused: the tree of size %d with root %s does not extend the "
                    + "last checkpoint this signer signed (size %d, root %s). Nothing more will be signed until an "
                    + "operator investigates.", size, SignedHead.base64(root), signed.treeSize(),
                    SignedHead.base64(signed.rootHash())));
        }
        return consistent;
    }

    @Override
    public String name() {
        return "signing";
    }

    @Override
    public Optional<String> raised() {
        return forkRefused.reason();
    }
}
