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
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

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
        Map<Outcome.Grant, List<String>> grants = e.outcome().categories().entrySet().stream()
                .collect(Collectors.groupingBy(Map.Entry::getValue,
                        Collectors.mapping(Map.Entry::getKey, Collectors.toList())));
        List<Object> cells = List.of(
                e.eventId(), e.siteKey(), e.visitorId(), e.type(), e.receivedAt(), nullable(e.clientTime()),
                nullable(e.jurisdiction().country()), e.jurisdiction().eea(), e.jurisdiction().source(),
                e.outcome().basis(), joined(grants.get(Outcome.Grant.GRANTED)), joined(grants.get(Outcome.Grant.DENIED)),
                joined(e.outcome().acknowledged()), joined(e.documentVersionIds()), joined(e.categories()),
                nullable(e.pageUrl()), nullable(e.language()), nullable(e.userAgent()), nullable(e.ipPrefix()), e.gpc(),
                nullable(e.ledgerSeq()), nullable(e.leafHash()));
        return cells.stream().map(cell -> csvCell(cell.toString())).collect(Collectors.joining(",", "", "\r\n"));
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

    private static Object nullable(Object value) {
        return value == null ? "" : value;
    }

    private static String joined(List<?> values) {
        return values == null ? "" : values.stream().map(Object::toString).sorted().collect(Collectors.joining(" "));
    }
}
