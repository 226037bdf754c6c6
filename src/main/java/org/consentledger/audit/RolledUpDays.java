package org.consentledger.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

/**
 * What audit_day and reconsent_day share: a row per key and UTC day, complete when {@code as_of}
 * is null and otherwise a snapshot counted up to {@code as_of}, written by every replica.
 */
final class RolledUpDays {

    /**
     * The upsert's condition, for a table aliased {@code d}: a snapshot gives way to the complete
     * day or to a later snapshot; a complete day stays as the first replica stored it.
     */
    static final String REPLACES_ONLY_AN_OLDER_SNAPSHOT =
            "where d.as_of is not null and (excluded.as_of is null or excluded.as_of > d.as_of)";

    private RolledUpDays() {
    }

    /** The latest complete day stored under {@code key} in {@code table}, whose key column is {@code keyColumn}. */
    static Optional<LocalDate> lastCompleteDay(DataSource source, String table, String keyColumn, UUID key) {
        String sql = "select max(day) from " + table + " where " + keyColumn + " = ? and as_of is null";
        try (Connection c = source.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return Optional.ofNullable(rs.getObject(1, LocalDate.class));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Reading the last complete day of " + table + " failed", e);
        }
    }
}
