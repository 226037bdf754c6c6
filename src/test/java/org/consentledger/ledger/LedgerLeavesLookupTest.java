package org.consentledger.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import org.consentledger.support.GenericPlans;
import org.consentledger.support.MigratedSchema;
import org.consentledger.verify.Leaves;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The sequencer asks, for every batch, which of its records already have a leaf. On one long-lived
 * connection that question was once planned for good: PostgreSQL's generic plan, made while the
 * ledger was small, read every leaf for each batch from then on (65 ms a batch at 230,000 leaves
 * in bench/ingest.sh, a fifth of PostgreSQL's time per event). Its read of the queue past its mark
 * had a plan of the same kind: a scan and sort of the whole queue.
 */
@Tag("database")
@QuarkusTest
class LedgerLeavesLookupTest {

    private final MigratedSchema migrated = new MigratedSchema("leaves");

    @AfterEach
    void dropTheSchema() throws SQLException {
        migrated.drop();
    }

    @Test
    void aLookupAfterTheLedgerGrewIsNeverRunOnAPlanMadeWhileItWasEmpty() throws Exception {
        migrated.migrate(null);
        List<RecordRef> refs = IntStream.range(0, 50)
                .mapToObj(i -> new RecordRef(Leaves.CONSENT_EVENT, UUID.randomUUID().toString())).toList();
        try (Connection c = migrated.connect()) {
            // While the ledger is empty, as the sequencer's connection asks from the start.
            for (int i = 0; i < 20; i++) {
                assertThat(LedgerLeaves.ofAll(c, refs)).isEmpty();
            }
            try (Statement s = c.createStatement()) {
                s.execute("insert into ledger_leaf (seq, source, record_key, leaf_hash, sequenced_at) "
                        + "select g, 'consent_event', gen_random_uuid()::text, '\\x00', now() from generate_series(0, 49999) g");
            }
            for (int i = 0; i < 5; i++) {
                assertThat(LedgerLeaves.ofAll(c, refs)).isEmpty();
            }
            // A generic plan is made once for the connection and kept whatever the table becomes; the
            // one made on the empty ledger scans every leaf. (Whole-scan counters are no judge here:
            // a server may report a backend's counts late, mixing in the scans of the empty table.)
            assertThat(GenericPlans.of(c, "%ledger_leaf l join unnest%")).as("lookups run on a plan made for the empty ledger")
                    .isZero();
        }
    }

    @Test
    void theQueueIsReadFromTheMarkThroughItsIndexEvenOnAPlanMadeWhileItWasEmpty() throws Exception {
        migrated.migrate(null);
        LedgerStore.Mark start = new LedgerStore.Mark("0", 0);
        try (Connection c = migrated.connect()) {
            c.setAutoCommit(false);
            for (int i = 0; i < 20; i++) { // as the sequencer's connection reads from the start
                LedgerStore.queuedAfter(c, start, 2000);
                c.commit();
            }
            try (Statement s = c.createStatement()) {
                s.execute("insert into ledger_queue (source, record_key) "
                        + "select 'consent_event', gen_random_uuid()::text from generate_series(1, 50000)");
            }
            c.commit();

            for (int i = 0; i < 5; i++) {
                LedgerStore.queuedAfter(c, start, 2000);
            }
            // This transaction's own counts, so no other backend's scans can be mixed in.
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select seq_scan, idx_scan "
                    + "from pg_stat_xact_user_tables where relname = 'ledger_queue' and schemaname = current_schema()")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).as("whole scans of the queue").isZero();
                assertThat(rs.getLong(2)).as("reads through its index").isGreaterThanOrEqualTo(5);
            }
            c.rollback();
        }
    }
}
