package org.consentledger.audit;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.consentledger.consent.Outcome;
import org.consentledger.site.SiteRepository;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Writes a site's events as CSV or NDJSON while they stream from the database, so memory stays
 * flat whatever the size of the export.
 */
@ApplicationScoped
public class EventExport {

    static final String CSV_HEADER = "event_id,site_key,visitor_id,type,received_at,client_time,country,eea,"
            + "jurisdiction_source,region,regime,rules_version,basis,granted,denied,acknowledged,document_version_ids,"
            + "categories,page_url,language,user_agent,ip_prefix,gpc,notice_id,ledger_seq,leaf_hash,gpp\r\n";

    /** What a spreadsheet takes for the start of a formula. */
    private static final String FORMULA_STARTS = "=+-@\t\r";
    /** What some spreadsheet splits cells on: "," here, ";" in German, French or Dutch locales, tab. */
    private static final String SEPARATORS = ",;\t";

    public enum Format {
        CSV,
        NDJSON
    }

    @Inject AuditQueries queries;
    @Inject SiteRepository sites;
    @Inject ObjectMapper json;

    /** The site's id, or 404 before anything is streamed. */
    public UUID siteId(String siteKey) {
        return sites.require(siteKey).id;
    }

    public void write(UUID siteId, EventFilter filter, Format format, OutputStream out) {
        try {
            Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
            JsonGenerator generator = json.getFactory().createGenerator(writer);
            generator.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            generator.setRootValueSeparator(null); // lines are separated by '\n' alone, not also by a space
            if (format == Format.CSV) {
                writer.write(CSV_HEADER);
            }
            queries.forEachEvent(siteId, filter, stored -> {
                AuditEvent event = AuditEvent.of(stored);
                try {
                    if (format == Format.CSV) {
                        writer.write(csvLine(event));
                    } else {
                        json.writeValue(generator, event);
                        generator.flush();
                        writer.write('\n');
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String csvLine(AuditEvent e) {
        StringBuilder line = new StringBuilder(512);
        List<String> granted = new ArrayList<>();
        List<String> denied = new ArrayList<>();
        e.outcome().categories().forEach((key, grant) -> (grant == Outcome.Grant.GRANTED ? granted : denied).add(key));
        Object[] cells = { e.eventId(), e.siteKey(), e.visitorId(), e.type(), e.receivedAt(), e.clientTime(),
                e.jurisdiction().country(), e.jurisdiction().eea(), e.jurisdiction().source(), e.jurisdiction().region(),
                e.jurisdiction().regime(), e.jurisdiction().rulesVersion(), e.outcome().basis(),
                joined(granted), joined(denied), joined(e.outcome().acknowledged()), joined(e.documentVersionIds()),
                joined(e.categories()), e.pageUrl(), e.language(), e.userAgent(), e.ipPrefix(), e.gpc(), e.noticeId(), e.ledgerSeq(),
                e.leafHash(), e.gppString() };
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
     * A cell that is safe whatever separator the reader uses. Page URLs and user agents come from
     * the public, and a reader that splits on ";" turns "Mozilla/5.0;=cmd|..." into a live formula
     * cell. So every cell holding a separator, a quote or a line break is quoted (RFC 4180), and
     * wherever a formula could start (at the start of the cell, or after a separator or line break,
     * spaces skipped) an apostrophe goes first, which makes it text. NDJSON keeps values as stored.
     */
    static String csvCell(String value) {
        StringBuilder safe = new StringBuilder(value.length() + 2);
        boolean cellStarts = true;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (cellStarts && FORMULA_STARTS.indexOf(c) >= 0) {
                safe.append('\'');
            }
            safe.append(c);
            cellStarts = SEPARATORS.indexOf(c) >= 0 || c == '\n' || c == '\r' || (cellStarts && c == ' ');
        }
        String cell = safe.toString();
        boolean quote = cell.chars().anyMatch(c -> SEPARATORS.indexOf(c) >= 0 || c == '"' || c == '\n' || c == '\r');
        return quote ? '"' + cell.replace("\"", "\"\"") + '"' : cell;
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
