package org.consentledger.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.consentledger.support.MigratedSchema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The events' statement writes a webhook_change row per changed decision on a site with an endpoint.
 * That is the only work webhooks add to ingestion, so it must stay an insert and nothing more:
 * V32's foreign key to site had PostgreSQL look up and lock the site row once for every change.
 */
@Tag("database")
@QuarkusTest
class ChangeRowsTest {

    private final MigratedSchema migrated = new MigratedSchema("changerows");

    @AfterEach
    void dropTheSchema() throws SQLException {
        migrated.drop();
    }

    @Test
    void writingChangesFiresNoTriggerPerRow() throws Exception {
        migrated.migrate(null);
        UUID site = UUID.randomUUID();
        try (Connection c = migrated.connect(); Statement s = c.createStatement()) {
            FeedReadPlansTest.siteWithEndpoint(c, site, UUID.randomUUID(), "consent.changed");
            List<String> plan = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("explain (analyze, costs off, timing off) insert into webhook_change "
                    + "(site_id, visitor_id, event_id, payload, created_at) select '" + site + "', gen_random_uuid(), "
                    + "gen_random_uuid(), '{\"type\":\"consent.changed\"}', now() from generate_series(1, 100)")) {
                while (rs.next()) {
                    plan.add(rs.getString(1));
                }
            }
            assertThat(plan).as("the insert's plan, with what it fired").noneMatch(line -> line.startsWith("Trigger"));
            try (ResultSet rs = s.executeQuery("select count(*) from webhook_change")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(100);
            }
        }
    }
}
