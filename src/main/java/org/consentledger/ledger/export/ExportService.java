package org.consentledger.ledger.export;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.consentledger.ledger.Leaf;
import org.consentledger.ledger.LedgerCheckpoints;
import org.consentledger.ledger.LedgerConfig;
import org.consentledger.ledger.LedgerKeys;
import org.consentledger.ledger.LedgerLeaves;
import org.consentledger.ledger.LedgerReads;
import org.consentledger.ledger.LedgerRecords;
import org.consentledger.ledger.RecordRef;
import org.consentledger.ledger.StoredCheckpoint;
import org.consentledger.retention.PurgedEvents;
import org.consentledger.verify.CanonicalJson;
import org.consentledger.verify.Leaves;

/**
 * The whole ledger as NDJSON, up to a signed checkpoint: a header line holding the checkpoint,
 * then one line per leaf. Leaves are read with plain JDBC in seq ranges on one connection, a
 * chunk at a time, so memory stays flat however long the ledger is. An event purged under
 * retention appears redacted: its leaf hash, its eventId and the purge record that accounts for it.
 */
@ApplicationScoped
public class ExportService {

    static final int CHUNK = 1000;

    @Inject DataSource dataSource;
    @Inject LedgerKeys keys;
    @Inject LedgerRecords records;
    @Inject LedgerConfig config;

    /** The latest checkpoint cosigned by the configured quorum of witnesses. */
    public StoredCheckpoint latestCheckpoint() {
        return LedgerReads.read(dataSource, c -> LedgerCheckpoints.published(c, config.witnessQuorum()));
    }

    /** Streams every leaf the checkpoint covers, each with its record as it was hashed. */
    public void write(StoredCheckpoint checkpoint, OutputStream out) {
        LedgerReads.read(dataSource, c -> {
            try {
                Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
                writer.write(CanonicalJson.string(header(checkpoint)));
                writer.write('\n');
                for (long from = 0; from < checkpoint.treeSize(); from += CHUNK) {
                    List<Leaf> leaves = LedgerLeaves.range(c, from, Math.min(from + CHUNK, checkpoint.treeSize()));
                    Map<RecordRef, Map<String, Object>> found = records.loadAll(c, leaves.stream().map(Leaf::ref).toList());
                    Map<String, Long> purges = PurgedEvents.purgedBy(c, leaves.stream()
                            .filter(leaf -> Leaves.CONSENT_EVENT.equals(leaf.source()) && !found.containsKey(leaf.ref()))
                            .map(Leaf::recordKey).toList());
                    for (Leaf leaf : leaves) {
                        Map<String, Object> record = found.get(leaf.ref());
                        Long purgedBy = record == null ? purges.get(leaf.recordKey()) : null;
                        writer.write(CanonicalJson.string(purgedBy != null ? leaf.redactedEntry(purgedBy)
                                : leaf.entry(record, null)));
                        writer.write('\n');
                    }
                }
                writer.flush();
                return null;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private Map<String, Object> header(StoredCheckpoint checkpoint) {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("format", "consent-ledger-export");
        header.put("version", 1L);
        header.put("verifierKey", keys.verifierKey().encoded());
        header.put("checkpoint", checkpoint.note());
        return header;
    }
}
