package org.consentledger.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.consentledger.support.Rows;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The sequencer reads an append-only queue past a high-water mark. Identity ids are taken before
 * commit, so a writer that queued first may commit last; such a record must still become a leaf,
 * once, and the sequencer deletes nothing on its way.
 */
@Tag("database")
@QuarkusTest
class SequencerFeedTest {

    @Inject
    DataSource dataSource;

    @Inject
    LedgerSequencer sequencer;

    @Test
    void writersCommittingInTheReverseOrderOfTheirInsertsLoseNothing() throws Exception {
        List<Connection> writers = new ArrayList<>();
        List<Long> records = new ArrayList<>();
        try {
            for (int i = 0; i < 6; i++) {
                Connection writer = dataSource.getConnection();
                writer.setAutoCommit(false);
                writers.add(writer);
                records.add(appendAdminLog(writer, "writer " + i));
            }
            assertThat(records).isSorted(); // the first writer holds the lowest queue ids, and commits last
            Connection rolledBack = writers.get(3);
            for (int i = writers.size() - 1; i >= 0; i--) {
                if (writers.get(i) == rolledBack) {
                    rolledBack.rollback();
                } else {
                    writers.get(i).commit();
                }
                sequencer.drain();
                if (i > 0) {
                    assertThat(leaves(records.get(0))).as("nothing past a transaction still running is taken").isZero();
                }
            }
        } finally {
            for (Connection writer : writers) {
                writer.close();
            }
        }
        for (int i = 0; i < records.size(); i++) {
            assertThat(leaves(records.get(i))).as("leaves of writer %d's record", i).isEqualTo(i == 3 ? 0 : 1);
        }
        assertThat(Rows.count(dataSource, "select coalesce(max(seq) + 1, 0) - count(*) from ledger_leaf")).isZero();
    }

    @Test
    void sequencingDeletesNoQueuedRowAndPruningRemovesOnlyThoseTheMarkHasPassed() throws Exception {
        long before = Rows.count(dataSource, "select count(*) from ledger_queue");
        try (Connection writer = dataSource.getConnection()) {
            appendAdminLog(writer, "one");
            appendAdminLog(writer, "two");
        }
        sequencer.drain();
        assertThat(Rows.count(dataSource, "select count(*) from ledger_queue")).isEqualTo(before + 2);

        try (Connection open = dataSource.getConnection()) {
            open.setAutoCommit(false);
            long pending = appendAdminLog(open, "committed after the prune");
            // Nothing else is queued, and the mark cannot pass the open transaction: it stays put.
            long markId = Rows.count(dataSource, "select id from ledger_sequencer_mark");
            assertThat(sequencer.pruneQueue()).isPositive();
            open.commit();
            assertThat(Rows.count(dataSource, "select count(*) from ledger_queue where xid < (select xid from ledger_queue "
                    + "where id = ?)", markId)).as("rows of transactions before the mark's").isZero();
            sequencer.drain();
            assertThat(leaves(pending)).isEqualTo(1);
        }
    }

    private static long appendAdminLog(Connection c, String target) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into admin_log (at, actor, action, target_type, target) "
                + "values (now(), 'sequencer-feed-test', 'TEST', 'test', ?) returning id")) {
            ps.setString(1, target);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private long leaves(long adminLogId) {
        return Rows.count(dataSource, "select count(*) from ledger_leaf where source = 'admin_log' and record_key = ?",
                Long.toString(adminLogId));
    }
}
