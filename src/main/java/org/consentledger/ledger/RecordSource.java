package org.consentledger.ledger;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * One kind of record in the ledger, provided by the feature that owns its table: the ledger sees
 * records as opaque, frames each one in a leaf and hashes it ({@code Leaves.data}). A new kind of
 * record is a bean implementing this in its feature, plus the trigger that queues its rows.
 * <p>
 * A record is what record format version 1 prescribes for its source, as the plain values whose
 * canonical JSON the leaf commits to: maps, lists, strings, {@code Long}, {@code BigInteger},
 * {@code BigDecimal}, {@code Boolean} and null. The export and evidence packages show it as such.
 * A source that reads through an entity manager implements {@link EntityRecordSource}.
 */
public interface RecordSource {

    /** Its name in the ledger: the table its records come from, as the queue and the leaves name it. */
    String source();

    /** The records with these keys (never empty), by key, on the caller's connection; keys without a row are left out. */
    Map<String, Map<String, Object>> records(Connection c, List<String> keys) throws SQLException;

    /**
     * Of these keys, whose rows the caller's connection could not see, the ones that may still
     * appear: their writer has not committed them everywhere yet (under Citus the coordinator's
     * queue row commits before a worker's rows). The sequencer waits for those, a bounded time; the
     * others are gone for good. On one PostgreSQL server a queue row and its record commit together,
     * so by default none may.
     */
    default Set<String> mayStillAppear(Connection c, List<String> missingKeys) throws SQLException {
        return Set.of();
    }

    /** The records the sequencer hashes into new leaves; a source may hand over the ones it still holds. */
    default Map<String, Map<String, Object>> recordsToSequence(Connection c, List<String> keys) throws SQLException {
        return records(c, keys);
    }

    /** Each row's record under its key, as {@link #records} answers. */
    static <R> Map<String, Map<String, Object>> byKey(Iterable<R> rows, Function<R, Object> key,
            Function<R, Map<String, Object>> record) {
        Map<String, Map<String, Object>> out = new HashMap<>();
        rows.forEach(row -> out.put(String.valueOf(key.apply(row)), record.apply(row)));
        return out;
    }
}
