package org.consentledger.ledger;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.consentledger.ledger.verify.Checkpoint;
import org.consentledger.ledger.verify.Merkle;
import org.consentledger.ledger.verify.ProofNodes;

/** Signs a checkpoint of the tree as it stands, when it has grown since the last one. All are kept. */
@ApplicationScoped
public class Checkpointer {

    private final DataSource dataSource;
    private final LedgerKeys keys;
    private final Clock clock;

    Checkpointer(DataSource dataSource, LedgerKeys keys, Clock clock) {
        this.dataSource = dataSource;
        this.keys = keys;
        this.clock = clock;
    }

    /** @return the new checkpoint's tree size, or empty when nothing was added since the last one */
    public synchronized Optional<Long> checkpoint() {
        try (Connection c = dataSource.getConnection()) {
            long size = LedgerLeaves.size(c);
            long last = LedgerCheckpoints.latest(c).map(StoredCheckpoint::treeSize).orElse(-1L);
            if (size <= last || size == 0) {
                return Optional.empty();
            }
            byte[] root = Merkle.root(LedgerNodes.fetch(c, ProofNodes.root(size)), size);
            Checkpoint checkpoint = new Checkpoint(keys.verifierKey().name(), size, root);
            LedgerStore.insertCheckpoint(c, size, root, keys.signedNote(checkpoint), Instant.now(clock));
            return Optional.of(size);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not make a checkpoint", e);
        }
    }
}
