package org.consentledger.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

/** Direct reads of the database, to assert on rows rather than only on responses. */
public final class Rows {

    private Rows() {
    }

    public static long count(DataSource dataSource, String sql, Object... params) {
        return first(dataSource, sql, rs -> rs.getLong(1), params);
    }

    /** The first column of the first row, as text. */
    public static String text(DataSource dataSource, String sql, Object... params) {
        return first(dataSource, sql, rs -> rs.getString(1), params);
    }

    /** The first column of every row, as text, in the order the query gives. */
    public static List<String> texts(DataSource dataSource, String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            List<String> texts = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    texts.add(rs.getString(1));
                }
            }
            return texts;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private interface Cell<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private static <T> T first(DataSource dataSource, String sql, Cell<T> cell, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return cell.read(rs);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs a statement and commits it; returns how many rows it changed. */
    public static int execute(DataSource dataSource, String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs a statement, as the owner or as the application role, and rolls it back whether it worked or not. */
    public static void executeAndRollBack(DataSource dataSource, String sql, boolean asApplicationRole) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            try {
                if (asApplicationRole) {
                    s.execute("set local role consent_app");
                }
                s.execute(sql);
            } finally {
                c.rollback();
            }
        }
    }

    private static void bind(PreparedStatement ps, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            ps.setObject(i + 1, params[i]);
        }
    }

    public static long eventsOfSite(DataSource dataSource, String siteKey) {
        return count(dataSource, "select count(*) from consent_event e join site s on s.id = e.site_id where s.site_key = ?",
                siteKey);
    }

    /** An event's key in the ledger's queue and leaves: "<siteKey>/<eventId>" (V30). */
    public static String eventRecordKey(String siteKey, UUID eventId) {
        return siteKey + "/" + eventId;
    }

    /** The leaves of the event with this eventId, on whatever site. */
    public static long leavesOfEvent(DataSource dataSource, UUID eventId) {
        return count(dataSource, "select count(*) from ledger_leaf where source = 'consent_event' and record_key like ?",
                "%/" + eventId);
    }
}
