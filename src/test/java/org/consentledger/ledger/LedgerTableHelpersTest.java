package org.consentledger.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The helpers migration V16 gives later migrations: make_append_only() and the
 * ledger_enqueue_record() trigger, tried on a scratch table. Each test runs in one transaction
 * that it rolls back, so neither the table nor its queued record ever reaches the sequencer.
 */
@Tag("database")
@QuarkusTest
class LedgerTableHelpersTest {

    @Inject
    DataSource dataSource;

    @Test
    void aTableMadeAppendOnlyRefusesRewritesAndItsRowsAreQueuedForTheLedger() throws Exception {
        String table = "scratch_" + UUID.randomUUID().toString().replace("-", "");
        UUID id = UUID.randomUUID();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            try {
                s.execute("create table " + table + " (id uuid primary key, seq bigint generated always as identity, "
                        + "note text)");
                s.execute("select make_append_only('" + table + "')");
                s.execute("create trigger " + table + "_to_ledger after insert on " + table
                        + " for each row execute function ledger_enqueue_record('scratch-record')");
                s.execute("insert into " + table + " (id, note) values ('" + id + "', 'first')");

                assertThat(text(s, "select string_agg(source || ' ' || record_key, ',') from ledger_queue "
                        + "where source = 'scratch-record'")).isEqualTo("scratch-record " + id);
                for (String rewrite : new String[] { "update " + table + " set note = 'changed'", "delete from " + table,
                        "truncate " + table }) {
                    assertThat(refusal(s, rewrite, false)).as(rewrite).contains("append-only");
                    assertThat(refusal(s, rewrite, true)).as(rewrite + " as the application role")
                            .contains("permission denied");
                }
                asApplicationRole(s, "insert into " + table + " (id) values ('" + UUID.randomUUID() + "')");
                assertThat(text(s, "select count(*) from " + table)).isEqualTo("2");
            } finally {
                c.rollback();
            }
        }
    }

    @Test
    void theEnqueueTriggerTakesTheKeyFromTheColumnItIsGivenAndRefusesARowWithoutOne() throws Exception {
        String table = "scratch_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            try {
                s.execute("create table " + table + " (version integer, rules text)");
                s.execute("create trigger " + table + "_to_ledger after insert on " + table
                        + " for each row execute function ledger_enqueue_record('scratch-rules', 'version')");
                s.execute("insert into " + table + " values (7, 'seven')");

                assertThat(text(s, "select string_agg(record_key, ',') from ledger_queue where source = 'scratch-rules'"))
                        .isEqualTo("7");
                assertThat(refusal(s, "insert into " + table + " values (null, 'no key')", false))
                        .contains("needs a record kind, and a key column that holds a value");
            } finally {
                c.rollback();
            }
        }
    }

    @Test
    void theStatementTriggerQueuesEveryRowOfAnInsertInKeyOrderAndRefusesARowWithoutAKey() throws Exception {
        String table = "scratch_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            try {
                s.execute("create table " + table + " (id bigint generated always as identity, code integer, note text)");
                s.execute("create trigger " + table + "_to_ledger after insert on " + table
                        + " referencing new table as inserted_rows"
                        + " for each statement execute function ledger_enqueue_inserted('scratch-batch')");
                s.execute("create trigger " + table + "_by_code after insert on " + table
                        + " referencing new table as inserted_rows"
                        + " for each statement execute function ledger_enqueue_inserted('scratch-code', 'code')");
                s.execute("insert into " + table + " (code, note) select 12 - g, 'row ' || g from generate_series(1, 11) g");

                assertThat(text(s, "select string_agg(record_key, ',' order by id) from ledger_queue "
                        + "where source = 'scratch-batch'")).isEqualTo("1,2,3,4,5,6,7,8,9,10,11");
                assertThat(text(s, "select string_agg(record_key, ',' order by id) from ledger_queue "
                        + "where source = 'scratch-code'")).isEqualTo("1,2,3,4,5,6,7,8,9,10,11");
                assertThat(refusal(s, "insert into " + table + " (code) values (3), (null)", false))
                        .contains("a row has no value in its key column");
                assertThat(text(s, "select count(*) from ledger_queue where source like 'scratch-%'")).isEqualTo("22");
            } finally {
                c.rollback();
            }
        }
    }

    /** The message of the error that refuses {@code sql}, which is undone to a savepoint, as is the role. */
    private static String refusal(Statement s, String sql, boolean asApplicationRole) throws SQLException {
        s.execute("savepoint before_refusal");
        try {
            if (asApplicationRole) {
                s.execute("set local role consent_app");
            }
            s.execute(sql);
        } catch (SQLException refused) {
            return refused.getMessage();
        } finally {
            s.execute("rollback to savepoint before_refusal");
        }
        throw new AssertionError("Not refused: " + sql);
    }

    private static void asApplicationRole(Statement s, String sql) throws SQLException {
        s.execute("set local role consent_app");
        s.execute(sql);
        s.execute("reset role");
    }

    private static String text(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
