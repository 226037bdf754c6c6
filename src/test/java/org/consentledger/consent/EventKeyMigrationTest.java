package org.consentledger.consent;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.consentledger.support.MigratedSchema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Migration V25 on events written before it: each key gets its event's row id, a key whose event
 * was purged keeps none, new keys get theirs from the claim, and the eventId is indexed once.
 */
@Tag("database")
@QuarkusTest
class EventKeyMigrationTest {

    private static final String INSERT = "insert into consent_event (event_id, site_id, visitor_id, type, "
            + "document_version_ids, basis, outcome, eea, jurisdiction_source, gpc, received_at, request_hash, retain_until) "
            + "select '%s', id, gen_random_uuid(), 'ACCEPT_ALL', '{}', 'EXPLICIT', '{}', true, 'HEADER', false, now(), "
            + "repeat('0', 64), '%s' from site";

    private final MigratedSchema migrated = new MigratedSchema("eventkey");

    @AfterEach
    void dropTheSchema() throws SQLException {
        migrated.drop();
    }

    @Test
    void keysFindTheirRowsByIdAndTheEventIdIsIndexedOnce() throws Exception {
        migrated.migrate("24");
        try (Connection c = migrated.connect(); Statement s = c.createStatement()) {
            s.execute("insert into site (id, site_key, name, origins, categories, implied_consent_categories, "
                    + "created_at, updated_at) values (gen_random_uuid(), 'tenant-k', 'Old', '{}', '{}', '{}', now(), now())");
            s.execute("select ensure_event_partitions('2020-01-01', '2020-02-01')");
            s.execute(INSERT.formatted("00000000-0000-7000-8000-000000000001", "2020-01-01"));
            s.execute(INSERT.formatted("00000000-0000-7000-8000-000000000002", "2020-02-01"));
            // Purged as retention does it: the month's partition goes, its keys stay.
            s.execute("alter table consent_event detach partition consent_event_2020_01");
            s.execute("drop table consent_event_2020_01");
        }

        // Up to V26: from V27 the writer claims keys itself, and the retry below fails for a script
        // instead of being skipped (WriterBookkeepingTest).
        migrated.migrate("26");

        try (Connection c = migrated.connect(); Statement s = c.createStatement()) {
            s.execute(INSERT.formatted("00000000-0000-7000-8000-000000000003", "2020-02-01"));
            s.execute(INSERT.formatted("00000000-0000-7000-8000-000000000003", "2020-02-01")); // a retry: skipped
            assertThat(keysAndRows(s)).containsExactly(
                    "00000000-0000-7000-8000-000000000001 no row id",
                    "00000000-0000-7000-8000-000000000002 finds its row",
                    "00000000-0000-7000-8000-000000000003 finds its row");
            assertThat(count(s, "select count(*) from consent_event")).isEqualTo(2);
            assertThat(count(s, "select count(*) from pg_index i join pg_attribute a on a.attrelid = i.indrelid "
                    + "and a.attnum = any(i.indkey) join pg_class t on t.oid = i.indrelid "
                    + "where t.relnamespace = current_schema()::regnamespace and t.relname like 'consent_event%' "
                    + "and a.attname = 'event_id'")).as("indexes on an eventId").isEqualTo(1);
        }
    }

    private static List<String> keysAndRows(Statement s) throws SQLException {
        List<String> keys = new ArrayList<>();
        try (ResultSet rs = s.executeQuery("select k.event_id, k.event_row_id is null, e.event_id = k.event_id "
                + "from consent_event_key k left join consent_event e on e.id = k.event_row_id "
                + "and e.retain_until = k.retain_until order by k.event_id")) {
            while (rs.next()) {
                keys.add(rs.getString(1) + (rs.getBoolean(2) ? " no row id" : rs.getBoolean(3) ? " finds its row" : " wrong row"));
            }
        }
        return keys;
    }

    private static long count(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
