package org.consentledger.ledger;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;

/**
 * Reads the records behind ledger leaves from their sources, one bean per kind of record in the
 * feature that owns it ({@link RecordSource}). The sequencer, the export and the evidence package
 * all read records here, so what is hashed and what an auditor receives cannot drift apart.
 */
@Singleton
public class LedgerRecords {

    private final Map<String, RecordSource> sources = new HashMap<>();

    LedgerRecords(@Any Instance<RecordSource> sources) {
        for (RecordSource source : sources) {
            if (this.sources.put(source.source(), source) != null) {
                throw new IllegalStateException("Two record sources are named " + source.source());
            }
        }
    }

    /** Records keyed by record key, for keys of one source. */
    public Map<String, Map<String, Object>> load(Connection c, String source, List<String> keys) throws SQLException {
        return keys.isEmpty() ? Map.of() : sourceNamed(source).records(c, keys);
    }

    /** Records of any sources. */
    public Map<RecordRef, Map<String, Object>> loadAll(Connection c, List<RecordRef> refs) throws SQLException {
        return loadAll(c, refs, RecordSource::records);
    }

    /** Records of any sources, as the sequencer hashes them into new leaves. */
    Map<RecordRef, Map<String, Object>> loadToSequence(Connection c, List<RecordRef> refs) throws SQLException {
        return loadAll(c, refs, RecordSource::recordsToSequence);
    }

    /** Of these records, whose rows the connection could not see, the ones that may still appear ({@link RecordSource#mayStillAppear}). */
    Set<RecordRef> mayStillAppear(Connection c, List<RecordRef> missing) throws SQLException {
        Set<RecordRef> out = new HashSet<>();
        for (Map.Entry<String, List<String>> entry : keysBySource(missing).entrySet()) {
            sourceNamed(entry.getKey()).mayStillAppear(c, entry.getValue())
                    .forEach(key -> out.add(new RecordRef(entry.getKey(), key)));
        }
        return out;
    }

    private interface Read {
        Map<String, Map<String, Object>> records(RecordSource source, Connection c, List<String> keys) throws SQLException;
    }

    private Map<RecordRef, Map<String, Object>> loadAll(Connection c, List<RecordRef> refs, Read read)
            throws SQLException {
        Map<RecordRef, Map<String, Object>> out = new HashMap<>();
        for (Map.Entry<String, List<String>> entry : keysBySource(refs).entrySet()) {
            read.records(sourceNamed(entry.getKey()), c, entry.getValue())
                    .forEach((key, record) -> out.put(new RecordRef(entry.getKey(), key), record));
        }
        return out;
    }

    private static Map<String, List<String>> keysBySource(List<RecordRef> refs) {
        Map<String, List<String>> bySource = new HashMap<>();
        refs.forEach(r -> bySource.computeIfAbsent(r.source(), s -> new ArrayList<>()).add(r.recordKey()));
        return bySource;
    }

    private RecordSource sourceNamed(String source) {
        RecordSource found = sources.get(source);
        if (found == null) {
            throw new IllegalStateException("Unknown ledger source " + source);
        }
        return found;
    }
}
