package org.consentledger.audit;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.consentledger.consent.EventRows;
import org.consentledger.consent.Outcome;
import org.consentledger.consent.StoredEvent;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Streams a site's events from a server-side cursor straight to the response, so memory stays
 * flat whatever the size of the export.
 */
@ApplicationScoped
public class EventExport {

    static final int FETCH_SIZE = 2000;
    static final String CSV_HEADER = "event_id,site_key,visitor_id,type,received_at,client_time,country,eea,"
            + "jurisdiction_source,basis,granted,denied,acknowledged,document_version_ids,categories,page_url,"
            + "language,user_agent,ip_prefix,gpc,ledger_seq,leaf_hash\r\n";

    public enum Format {
        CSV,
        NDJSON
    }

    private final AuditQueries queries;

    EventExport(AuditQueries queries) {
        this.queries = queries;
    }

    public void write(String siteKey, UUID siteId, EventFilter filter, Format format, OutputStream out) {
        List<Object> params = new ArrayList<>();
        String sql = "select " + EventRows.COLUMNS + " from " + EventRows.FROM + " where " + filter.where(siteId, params)
                + " order by e.id";
        ObjectMapper json = queries.json();
        try (Connection c = queries.dataSource().getConnection()) {
            c.setAutoCommit(false); // PostgreSQL only streams with a cursor inside a transaction
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setFetchSize(FETCH_SIZE);
                AuditQueries.bind(ps, params);
                try (ResultSet rs = ps.executeQuery()) {
                    Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
                    JsonGenerator generator = json.getFactory().createGenerator(writer);
                    generator.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
                    generator.setRootValueSeparator(null); // lines are separated by '\n' alone, not also by a space
                    if (format == Format.CSV) {
                        writer.write(CSV_HEADER);
                    }
                    while (rs.next()) {
                        StoredEvent event = EventRows.read(rs, siteKey, json);
                        if (format == Format.CSV) {
                            writer.write(csvLine(event));
                        } else {
                            json.writeValue(generator, event);
                            generator.flush();
                            writer.write('\n');
                        }
                    }
                    writer.flush();
                }
            } finally {
                c.rollback();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Export failed", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String csvLine(StoredEvent e) {
        StringBuilder line = new StringBuilder(512);
        List<String> granted = new ArrayList<>();
        List<String> denied = new ArrayList<>();
        e.outcome().categories().forEach((key, grant) -> (grant == Outcome.Grant.GRANTED ? granted : denied).add(key));
        Object[] cells = { e.eventId(), e.siteKey(), e.visitorId(), e.type(), e.receivedAt(), e.clientTime(),
                e.jurisdiction().country(), e.jurisdiction().eea(), e.jurisdiction().source(), e.outcome().basis(),
                joined(granted), joined(denied), joined(e.outcome().acknowledged()), joined(e.documentVersionIds()),
                joined(e.categories()), e.pageUrl(), e.language(), e.userAgent(), e.ipPrefix(), e.gpc(), e.ledgerSeq(),
                e.leafHash() };
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                line.append(',');
            }
            if (cells[i] != null) {
                line.append(csvCell(cells[i].toString()));
            }
        }
        return line.append("\r\n").toString();
    }

    /**
     * RFC 4180 quoting. A cell a spreadsheet would run as a formula (=, +, -, @ first) gets a
     * leading apostrophe: page URLs and user agents come from the public.
     */
    static String csvCell(String value) {
        String safe = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        if (safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")) {
            return '"' + safe.replace("\"", "\"\"") + '"';
        }
        return safe;
    }

    /** Space-separated and sorted; categories from the outcome map are sorted already. */
    private static String joined(List<?> values) {
        if (values == null || values.isEmpty()) {
            return "";
        }
        if (values.size() == 1) {
            return values.get(0).toString();
        }
        String[] strings = new String[values.size()];
        for (int i = 0; i < strings.length; i++) {
            strings[i] = values.get(i).toString();
        }
        java.util.Arrays.sort(strings);
        return String.join(" ", strings);
    }
}
