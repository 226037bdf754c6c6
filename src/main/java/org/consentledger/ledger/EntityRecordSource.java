package org.consentledger.ledger;

import java.sql.Connection;
import java.util.List;
import java.util.Map;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * A source whose owner reads its table through an entity manager. It reads in a transaction of its
 * own: the sequencer's JDBC transaction holds its advisory lock and no entity manager, and every
 * record was committed before it was queued.
 */
public interface EntityRecordSource extends RecordSource {

    /** The records with these keys (never empty), by key, read through the entity manager; keys without a row are left out. */
    Map<String, Map<String, Object>> readRecords(List<String> keys);

    @Override
    default Map<String, Map<String, Object>> records(Connection c, List<String> keys) {
        return QuarkusTransaction.requiringNew().call(() -> readRecords(keys));
    }
}
