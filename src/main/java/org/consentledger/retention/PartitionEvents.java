package org.consentledger.retention;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;

/**
 * The events of one monthly partition, read by the consent feature that owns their table, so that
 * a purge can say exactly which ledger records it redacts. Declared here because consent already
 * depends on retention.
 */
public interface PartitionEvents {

    /** One event of the partition. */
    interface Visitor {
        void event(String eventId, String siteKey);
    }

    /**
     * Each event kept until {@code keptUntil}, in ascending order of eventId, on the caller's
     * connection: in the purge's transaction, so that what it reads is what it drops.
     */
    void forEachKeptUntil(Connection c, LocalDate keptUntil, Visitor visitor) throws SQLException;
}
