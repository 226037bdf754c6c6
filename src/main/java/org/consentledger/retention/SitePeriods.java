package org.consentledger.retention;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.SortedSet;

/**
 * The retention periods sites have chosen, read by the site feature that owns their table.
 * Declared here because site already depends on retention.
 */
public interface SitePeriods {

    /** Every distinct retentionMonths a site has set, on the caller's connection (and so in its transaction). */
    SortedSet<Integer> chosen(Connection c) throws SQLException;
}
