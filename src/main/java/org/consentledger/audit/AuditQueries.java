package org.consentledger.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.consentledger.consent.EventRows;
import org.consentledger.consent.StoredEvent;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Read-only SQL over consent events for auditors. Keyset pagination on (site_id, id). */
@ApplicationScoped
public class AuditQueries {

    public interface RowReader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private final DataSource dataSource;
    private final ObjectMapper json;

    AuditQueries(DataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    public EventPage page(String siteKey, java.util.UUID siteId, EventFilter filter, long after, int limit) {
        List<Object> params = new ArrayList<>();
        String sql = "select " + EventRows.COLUMNS + " from " + EventRows.FROM + " where " + filter.where(siteId, params)
                + " and e.id > ? order by e.id limit ?";
        params.add(after);
        params.add(limit + 1);
        List<StoredEvent> rows = query(sql, params, rs -> EventRows.read(rs, siteKey, json));
        boolean more = rows.size() > limit;
        List<StoredEvent> items = more ? rows.subList(0, limit) : rows;
        return new EventPage(List.copyOf(items), more ? Cursors.encode(items.get(items.size() - 1).id()) : null);
    }

    public <T> List<T> query(String sql, List<Object> params, RowReader<T> reader) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                List<T> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(reader.read(rs));
                }
                return out;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Audit query failed", e);
        }
    }

    static void bind(PreparedStatement ps, List<Object> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            ps.setObject(i + 1, params.get(i));
        }
    }

    DataSource dataSource() {
        return dataSource;
    }

    ObjectMapper json() {
        return json;
    }
}
