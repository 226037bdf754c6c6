package org.consentledger.ledger;

import java.time.Instant;

/** A signed checkpoint as kept: the tree size and root it commits to, and the C2SP signed note with any witness cosignatures. */
public record StoredCheckpoint(long treeSize, byte[] rootHash, String note, Instant createdAt) {
}
