package org.consentledger.retention;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;

/**
 * A table derived from the events, such as each visitor's standing decision, that must not keep
 * what a purge removed. Declared here because consent, which owns such tables, depends on retention.
 */
public interface EventProjection {

    /**
     * After the events kept until {@code keptUntil} were dropped, on the purge's connection and in
     * its transaction: the projection forgets them, and holds what the remaining events give.
     */
    void refreshAfterPurge(Connection c, LocalDate keptUntil) throws SQLException;
}
