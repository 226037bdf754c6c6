package org.consentledger.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.consentledger.support.GenericPlans;
import org.consentledger.support.MigratedSchema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * A feed's batch asks the outbox which of its visitors have a delivery pending there. On a pooled
 * connection that question was planned once for good: PostgreSQL's generic plan, made while
 * webhook_delivery was empty, scanned the whole table for every batch from then on, every delivered
 * row included (15,098 whole scans reading 74.9 million rows in one run of bench/webhooks.sh). The
 * feeds' reads of webhook_change had plans of the same kind: a scan and sort of every change, for
 * every lease and batch, once a backlog had built up; so did the outbox's look for deliveries due,
 * which every replica runs each second.
 */
@Tag("database")
@QuarkusTest
class FeedReadPlansTest {

    private final MigratedSchema migrated = new MigratedSchema("feedplans");

    @AfterEach
    void dropTheSchema() throws SQLException {
        migrated.drop();
    }

    @Test
    void theLookForVisitorsWaitingInTheOutboxIsNeverRunOnAPlanMadeWhileItWasEmpty() throws Exception {
        migrated.migrate(null);
        UUID endpoint = UUID.randomUUID();
        UUID waitingVisitor = UUID.randomUUID();
        List<UUID> visitors = List.of(waitingVisitor, UUID.randomUUID());
        try (Connection c = migrated.connect()) {
            siteWithEndpoint(c, UUID.randomUUID(), endpoint, "consent.changed");
            for (int i = 0; i < 20; i++) { // as a feed's pooled connection asks from the first batch on
                assertThat(ChangeFeeds.waiting(c, endpoint, visitors)).isEmpty();
            }
            try (Statement s = c.createStatement()) {
                s.execute("insert into webhook_delivery (message_id, endpoint_id, event_type, ordering_key, event_id, "
                        + "payload, status, next_attempt_at, created_at) select gen_random_uuid(), '" + endpoint
                        + "', 'consent.changed', gen_random_uuid(), gen_random_uuid(), '{}', "
                        + "case when g = 1 then 'PENDING' else 'DELIVERED' end, now(), now() from generate_series(1, 50000) g");
                s.execute("update webhook_delivery set ordering_key = '" + waitingVisitor + "' where status = 'PENDING'");
            }
            for (int i = 0; i < 5; i++) {
                assertThat(ChangeFeeds.waiting(c, endpoint, visitors)).containsExactly(waitingVisitor);
            }
            // A generic plan is made once for the connection and kept whatever the table becomes.
            assertThat(GenericPlans.of(c, "%from webhook_delivery where endpoint_id%"))
                    .as("looks run on a plan made for the empty outbox").isZero();
        }
    }

    @Test
    void theFeedsReadsOfTheirChangesAreNeverRunOnPlansMadeWhileThereWereNone() throws Exception {
        migrated.migrate(null);
        UUID site = UUID.randomUUID();
        UUID endpoint = UUID.randomUUID();
        try (Connection c = migrated.connect()) {
            siteWithEndpoint(c, site, endpoint, "consent.changed");
            for (int i = 0; i < 20; i++) { // as the feeds' pooled connections ask while every feed keeps up
                assertThat(ChangeFeeds.lease(c, now(), later(), 8, List.of())).isEmpty();
                assertThat(ChangeFeeds.changesPast(c, site, "1", 0, 200)).isEmpty();
                assertThat(ChangeFeeds.forgetPassed(c, 1000)).isZero();
            }
            try (Statement s = c.createStatement()) {
                s.execute(insertChanges(site, 50_000));
            }
            for (int i = 0; i < 5; i++) {
                List<ChangeFeeds.Lease> leased = ChangeFeeds.lease(c, now(), later(), 8, List.of());
                assertThat(leased).extracting(ChangeFeeds.Lease::endpointId).containsExactly(endpoint);
                List<Object[]> changes = ChangeFeeds.changesPast(c, site, leased.get(0).xid(), leased.get(0).id(), 200);
                assertThat(changes).hasSize(200);
                assertThat(changes).extracting(r -> (Long) r[0]).isSorted();
                assertThat(ChangeFeeds.forgetPassed(c, 1000)).as("changes no feed has passed yet").isZero();
                try (Statement s = c.createStatement()) {
                    s.execute("update webhook_endpoint set feed_leased_until = null");
                }
            }
            assertThat(GenericPlans.of(c, "%webhook_change%")).as("reads run on a plan made while there were no changes")
                    .isZero();
        }
    }

    @Test
    void aFeedsReadStopsAtItsBatchHoweverFarTheStatisticsLagBehindTheBacklog() throws Exception {
        migrated.migrate(null);
        UUID site = UUID.randomUUID();
        UUID endpoint = UUID.randomUUID();
        try (Connection c = migrated.connect()) {
            siteWithEndpoint(c, site, endpoint, "consent.changed");
            try (Statement s = c.createStatement()) {
                s.execute("alter table webhook_change set (autovacuum_enabled = false)"); // statistics as the test leaves them
                // The statistics saw 1,000 other sites' changes and none of this one's; then this site's
                // backlog grew: PostgreSQL guesses that a handful of its changes lie past the cursor.
                s.execute("insert into webhook_change (site_id, visitor_id, event_id, payload, created_at) "
                        + "select ('00000000-0000-0000-0000-' || lpad((g % 1000)::text, 12, '0'))::uuid, gen_random_uuid(), "
                        + "gen_random_uuid(), '{}', now() from generate_series(1, 20000) g");
                s.execute("analyze webhook_change");
                for (int i = 0; i < 5; i++) {
                    s.execute(insertChanges(site, 10_000));
                }
            }
            List<ChangeFeeds.Lease> leased = ChangeFeeds.lease(c, now(), later(), 8, List.of());
            c.setAutoCommit(false);
            List<Object[]> changes = ChangeFeeds.changesPast(c, site, leased.get(0).xid(), leased.get(0).id(), 200);
            long fetched;
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("select idx_tup_fetch from pg_stat_xact_user_tables where relid = 'webhook_change'::regclass")) {
                rs.next();
                fetched = rs.getLong(1);
            }
            c.rollback();
            assertThat(changes).hasSize(200);
            assertThat(changes).extracting(r -> (Long) r[0]).isSorted();
            // 14.7 ms a batch of 187 under bench/statements.sh: every change past the cursor was
            // fetched and sorted for each batch (a bitmap scan), the whole backlog each time.
            assertThat(fetched).as("changes fetched to hand on 200 of a backlog of 50,000").isLessThanOrEqualTo(400);
        }
    }

    private static String insertChanges(UUID site, int count) {
        return "insert into webhook_change (site_id, visitor_id, event_id, payload, created_at) select '" + site
                + "', gen_random_uuid(), gen_random_uuid(), '{}', now() from generate_series(1, " + count + ")";
    }

    @Test
    void theOutboxsLookForDeliveriesDueIsNeverRunOnAPlanMadeWhileItWasEmpty() throws Exception {
        migrated.migrate(null);
        UUID endpoint = UUID.randomUUID();
        try (Connection c = migrated.connect()) {
            siteWithEndpoint(c, UUID.randomUUID(), endpoint, "policy.published");
            for (int i = 0; i < 20; i++) { // as a replica's pooled connection looks each second
                assertThat(DeliveryClaims.due(c, now(), 32, 8, Map.of())).isEmpty();
            }
            try (Statement s = c.createStatement()) {
                s.execute("insert into webhook_delivery (message_id, endpoint_id, event_type, ordering_key, event_id, "
                        + "payload, status, next_attempt_at, created_at) select gen_random_uuid(), '" + endpoint
                        + "', 'policy.published', null, null, '{}', case when g = 50000 then 'PENDING' else 'DELIVERED' end, "
                        + "now() - interval '1 minute', now() from generate_series(1, 50000) g");
            }
            for (int i = 0; i < 5; i++) {
                assertThat(DeliveryClaims.due(c, now(), 32, 8, Map.of())).hasSize(1);
            }
            assertThat(GenericPlans.of(c, "%from webhook_delivery d%")).as("looks run on a plan made for the empty outbox")
                    .isZero();
        }
    }

    /** A site with one endpoint subscribed to {@code event}. */
    static void siteWithEndpoint(Connection c, UUID site, UUID endpoint, String event) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("insert into site (id, site_key, name, origins, categories, implied_consent_categories, "
                    + "created_at, updated_at) values ('" + site + "', 'plans', 'Plans', '{}', '{}', '{}', now(), now())");
            s.execute("insert into webhook_endpoint (id, site_id, url, events, secret, created_at) values ('" + endpoint
                    + "', '" + site + "', 'https://crm.example.com/hook', '{" + event + "}', 'whsec_x', now())");
        }
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    private static Instant later() {
        return now().plus(Duration.ofMinutes(1));
    }
}
