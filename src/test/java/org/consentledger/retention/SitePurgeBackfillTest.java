package org.consentledger.retention;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
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
 * Migration V13 on a database that purged before it: each purge's record counts every site's
 * events, so the migration gives each site its own record of the purge, from those counts. Runs
 * the real migrations in a schema of its own, on a connection of its own.
 */
@Tag("database")
@QuarkusTest
class SitePurgeBackfillTest {

    private final MigratedSchema migrated = new MigratedSchema("backfill");
    private final String schema = migrated.name();

    @AfterEach
    void dropTheSchema() throws SQLException {
        migrated.drop();
    }

    @Test
    void aPurgeMadeBeforeSitePurgeRecordsGetsOneRecordPerSiteFromItsCounts() throws Exception {
        migrated.migrate("12");
        long purgeId;
        try (Connection c = migrated.connect(); Statement s = c.createStatement()) {
            for (String site : List.of("tenant-p", "tenant-q")) {
                s.execute("insert into site (id, site_key, name, origins, categories, implied_consent_categories, "
                        + "created_at, updated_at) values (gen_random_uuid(), '" + site + "', 'Old', '{}', '{}', '{}', "
                        + "now(), now())");
            }
            s.execute("select ensure_event_partitions('2020-01-01', '2020-01-01')");
            for (String site : List.of("tenant-p", "tenant-q", "tenant-q")) {
                s.execute("insert into consent_event (event_id, site_id, visitor_id, type, document_version_ids, basis, "
                        + "outcome, eea, jurisdiction_source, gpc, received_at, request_hash, retain_until) "
                        + "select gen_random_uuid(), id, gen_random_uuid(), 'ACCEPT_ALL', '{}', 'EXPLICIT', '{}', true, "
                        + "'HEADER', false, now(), repeat('0', 64), '2020-01-01' from site where site_key = '" + site + "'");
            }
            try (ResultSet rs = s.executeQuery("select purge_event_partition('2020-01-01', 3, '{\"bySite\": "
                    + "{\"tenant-p\": 1, \"tenant-q\": 2}, \"eventIdsSha256\": \"00\", \"rule\": \"the old rule\"}', "
                    + "'retention')")) {
                rs.next();
                purgeId = rs.getLong(1);
            }
        }

        migrated.migrate(null);

        assertThat(sitePurgeRecords()).containsExactly(
                "tenant-p 2020-01-01 {\"rule\": \"the old rule\", \"purge\": " + purgeId + ", \"events\": 1, "
                        + "\"retainUntil\": \"2020-01-01\", \"eventIdsSha256\": null}",
                "tenant-q 2020-01-01 {\"rule\": \"the old rule\", \"purge\": " + purgeId + ", \"events\": 2, "
                        + "\"retainUntil\": \"2020-01-01\", \"eventIdsSha256\": null}");
    }

    /** Each site's record as retention_purge_site points to it: site, day and the entry's after. */
    private List<String> sitePurgeRecords() throws SQLException {
        List<String> records = new ArrayList<>();
        try (Connection c = migrated.connect(); PreparedStatement ps = c.prepareStatement("select p.site_key, p.retain_until, "
                + "a.after::text from " + schema + ".retention_purge_site p join " + schema + ".admin_log a "
                + "on a.id = p.admin_log_id where a.action = 'PURGE_SITE_EVENTS' and a.target_type = 'SITE' "
                + "and a.target = p.site_key order by p.site_key");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                records.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3));
            }
        }
        return records;
    }
}
