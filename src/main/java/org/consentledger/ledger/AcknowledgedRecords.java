package org.consentledger.ledger;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A source whose records were acknowledged before they became leaves, with the promise that they
 * would within the maximum merge delay (consent events: the visitor's receipt says so). The ledger
 * checks that promise ({@link MergeDelayCheck}) and shows how long they wait ({@link LedgerMetrics}).
 */
public interface AcknowledgedRecords extends RecordSource {

    /**
     * The keys under which the record acknowledged under {@code id} (the id its receipt states) may
     * be in the ledger, within {@code scope}; with no scope, of the one record holding that id.
     * Throws an {@code ApiException} naming the scope when several do.
     */
    List<String> keysOf(Connection c, String id, String scope) throws SQLException;

    /** Removes and returns the keys of the records this process acknowledged before {@code instant} (to the second). */
    List<String> takeAcknowledgedBefore(Instant instant);

    /**
     * When the oldest of its records that the first {@code leaves} leaves do not hold was
     * acknowledged, on the caller's connection; empty when they hold every one.
     */
    Optional<Instant> oldestAcknowledgedBeyond(Connection c, long leaves) throws SQLException;
}
