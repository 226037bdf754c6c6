package org.consentledger.support;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * How many times the session's server-prepared statements like a pattern ran on PostgreSQL's
 * generic plan: one made once for the connection and kept whatever its tables become.
 */
public final class GenericPlans {

    private GenericPlans() {
    }

    public static long of(Connection c, String statementLike) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select coalesce(sum(generic_plans), 0) "
                + "from pg_prepared_statements where statement like '" + statementLike.replace("'", "''") + "'")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
