package org.consentledger.jurisdiction;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.consentledger.common.ApiException;

/**
 * The jurisdiction_rules table, append-only: each row a published version, its document stored
 * as jsonb. The ledger hashes the stored document as it reads it back ({@link #byVersions}).
 */
@ApplicationScoped
public class JurisdictionRulesStore {

    /** A row as stored, the document as JSON text. */
    public record Row(int version, String rules, Instant publishedAt, String publishedBy) {
    }

    private static final String COLUMNS = "select version, rules::text, published_at, published_by from jurisdiction_rules";

    private static final String UNIQUE_VIOLATION = "23505";

    @Inject DataSource dataSource;

    Optional<Row> latest() {
        return one(COLUMNS + " order by version desc limit 1", null);
    }

    Optional<Row> version(int version) {
        return one(COLUMNS + " where version = ?", version);
    }

    /** Appends the next version; its number. Runs in the caller's transaction. */
    int insert(String rules, Instant publishedAt, String publishedBy) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("insert into jurisdiction_rules (version, rules, published_at, "
                        + "published_by) select coalesce(max(version), 0) + 1, ?::jsonb, ?, ? from jurisdiction_rules "
                        + "returning version")) {
            ps.setString(1, rules);
            ps.setTimestamp(2, Timestamp.from(publishedAt));
            ps.setString(3, publishedBy);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw ApiException.conflict("Another rules version was published at the same moment; publish again");
            }
            throw new IllegalStateException("Could not publish jurisdiction rules", e);
        }
    }

    /** Rows by version, on the caller's connection. */
    Map<Integer, Row> byVersions(Connection c, List<Integer> versions) throws SQLException {
        Map<Integer, Row> rows = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(COLUMNS + " where version = any(?)")) {
            ps.setArray(1, c.createArrayOf("int4", versions.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Row row = row(rs);
                    rows.put(row.version(), row);
                }
            }
        }
        return rows;
    }

    private Optional<Row> one(String sql, Integer version) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            if (version != null) {
                ps.setInt(1, version);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(row(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read jurisdiction rules", e);
        }
    }

    private static Row row(ResultSet rs) throws SQLException {
        return new Row(rs.getInt(1), rs.getString(2), rs.getObject(3, OffsetDateTime.class).toInstant(), rs.getString(4));
    }
}
