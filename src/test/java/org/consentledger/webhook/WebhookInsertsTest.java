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
 * The rows webhooks write in bulk stay inserts and nothing more. The events' statement writes a
 * webhook_change row per changed decision on a site with an endpoint, the only work webhooks add to
 * ingestion; each delivery answered 2xx writes a webhook_delivery_record. A foreign key to site had
 * PostgreSQL look up and lock the site row once for each of them (V32's for the changes, V20's for
 * the records), a site the row's own source had already checked, and site rows are never deleted.
 */
@Tag("database")
@QuarkusTest
class WebhookInsertsTest {

    private final MigratedSchema migrated = new MigratedSchema("webhookinserts");

    @AfterEach
    void dropTheSchema() throws SQLException {
        migrated.drop();
    }

    @Test
    void writingChangesFiresNoTriggerPerRow() throws Exception {
        migrated.migrate(null);
        UUID site = UUID.randomUUID();
        try (Connection c = migrated.connect()) {
            FeedReadPlansTest.siteWithEndpoint(c, site, UUID.randomUUID(), "consent.changed");
            List<String> plan = planOf(c, "insert into webhook_change (site_id, visitor_id, event_id, payload, created_at) "
                    + "select '" + site + "', gen_random_uuid(), gen_random_uuid(), '{\"type\":\"consent.changed\"}', now() "
                    + "from generate_series(1, 100)");
            assertThat(plan).as("the insert's plan, with what it fired").noneMatch(line -> line.startsWith("Trigger"));
            assertThat(count(c, "webhook_change")).isEqualTo(100);
        }
    }

    @Test
    void writingDeliveryRecordsFiresNoTriggerPerRow() throws Exception {
        migrated.migrate(null);
        UUID site = UUID.randomUUID();
        UUID endpoint = UUID.randomUUID();
        try (Connection c = migrated.connect()) {
            FeedReadPlansTest.siteWithEndpoint(c, site, endpoint, "consent.changed");
            List<String> plan = planOf(c, "insert into webhook_delivery_record (site_id, endpoint_id, url_sha256, event_type, "
                    + "event_id, message_id, status_code, delivered_at) select '" + site + "', '" + endpoint + "', "
                    + "repeat('a', 64), 'consent.changed', gen_random_uuid(), gen_random_uuid(), 204, now() "
                    + "from generate_series(1, 100)");
            // The ledger's queue is filled once for the statement (V34); nothing may run once per record.
            assertThat(plan).as("the insert's plan, with what it fired")
                    .filteredOn(line -> line.startsWith("Trigger")).allMatch(line -> line.endsWith("calls=1"));
            assertThat(count(c, "webhook_delivery_record")).isEqualTo(100);
            assertThat(count(c, "ledger_queue where source = 'webhook_delivery'")).as("records queued for the ledger").isEqualTo(100);
        }
    }

    private static List<String> planOf(Connection c, String insert) throws SQLException {
        List<String> plan = new ArrayList<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("explain (analyze, costs off, timing off) " + insert)) {
            while (rs.next()) {
                plan.add(rs.getString(1));
            }
        }
        return plan;
    }

    private static int count(Connection c, String table) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select count(*) from " + table)) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
