package org.consentledger.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
 * Migration V30 on events written before it: their claims move to keys by site, a purged event's
 * claim, whose site nobody knows any more, keeps its eventId taken on every site, and another site
 * may now record its own event under an eventId that one site has.
 */
@Tag("database")
@QuarkusTest
class EventKeysBySiteMigrationTest {

    private static final String INSERT = "insert into consent_event (event_id, site_id, visitor_id, type, "
            + "document_version_ids, basis, outcome, eea, jurisdiction_source, gpc, received_at, request_hash, retain_until) "
            + "select '%s', id, gen_random_uuid(), 'ACCEPT_ALL', '{}', 'EXPLICIT', '{}', true, 'HEADER', false, now(), "
            + "repeat('0', 64), '%s' from site where site_key = '%s'";
    private static final String PURGED = "00000000-0000-7000-8000-000000000001";
    private static final String KEPT = "00000000-0000-7000-8000-000000000002";

    private final MigratedSchema migrated = new MigratedSchema("sitekeys");

    @AfterEach
    void dropTheSchema() throws SQLException {
        migrated.drop();
    }

    @Test
    void claimsMoveToKeysBySiteAndAPurgedEventsIdStaysTakenEverywhere() throws Exception {
        migrated.migrate("29");
        try (Connection c = migrated.connect(); Statement s = c.createStatement()) {
            for (String site : List.of("tenant-a", "tenant-b")) {
                s.execute("insert into site (id, site_key, name, origins, categories, implied_consent_categories, "
                        + "created_at, updated_at) values (gen_random_uuid(), '" + site + "', 'Old', '{}', '{}', '{}', now(), now())");
            }
            s.execute("select ensure_event_partitions('2020-01-01', '2020-02-01')");
            s.execute(INSERT.formatted(PURGED, "2020-01-01", "tenant-a"));
            s.execute(INSERT.formatted(KEPT, "2020-02-01", "tenant-a"));
            // Purged as retention does it: the month's partition goes, its keys stay.
            s.execute("alter table consent_event detach partition consent_event_2020_01");
            s.execute("drop table consent_event_2020_01");
        }

        migrated.migrate(null);

        try (Connection c = migrated.connect(); Statement s = c.createStatement()) {
            assertThat(rows(s, "select l.event_id || ' ' || coalesce(s.site_key, 'no site') from legacy_event_key l "
                    + "left join site s on s.id = l.site_id order by l.event_id"))
                    .containsExactly(PURGED + " no site", KEPT + " tenant-a");
            assertThat(rows(s, "select k.event_id || ' ' || s.site_key || ' ' || (e.id = k.event_row_id) "
                    + "from consent_event_key k join site s on s.id = k.site_id "
                    + "left join consent_event e on e.site_id = k.site_id and e.id = k.event_row_id"))
                    .containsExactly(KEPT + " tenant-a true");

            s.execute(INSERT.formatted(KEPT, "2020-02-01", "tenant-b"));
            assertThatThrownBy(() -> s.execute(INSERT.formatted(KEPT, "2020-02-01", "tenant-a")))
                    .as("taken on its own site").isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> s.execute(INSERT.formatted(PURGED, "2020-02-01", "tenant-b")))
                    .as("purged before V30, site unknown").isInstanceOf(SQLException.class);

            assertThat(rows(s, "select s.site_key from consent_event e join site s on s.id = e.site_id "
                    + "where e.event_id = '" + KEPT + "' order by s.site_key")).containsExactly("tenant-a", "tenant-b");
            assertThat(rows(s, "select record_key from ledger_queue where record_key like '%/" + KEPT + "'"))
                    .containsExactly("tenant-b/" + KEPT);
            assertThat(rows(s, "select string_agg(a.attname, ',' order by k.ord) from pg_index i "
                    + "join pg_class t on t.oid = i.indrelid cross join unnest(i.indkey) with ordinality as k(attnum, ord) "
                    + "join pg_attribute a on a.attrelid = i.indrelid and a.attnum = k.attnum "
                    + "where t.relnamespace = current_schema()::regnamespace and t.relname = 'consent_event' "
                    + "and i.indisprimary")).containsExactly("site_id,id,retain_until");
            assertThat(rows(s, "select indexname from pg_indexes where schemaname = current_schema() "
                    + "and indexname = 'consent_event_site_idx'")).as("covered by the primary key").isEmpty();
        }
    }

    private static List<String> rows(Statement s, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
