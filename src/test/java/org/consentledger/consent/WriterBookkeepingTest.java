package org.consentledger.consent;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.consentledger.support.Api;
import org.consentledger.support.Ledger;
import org.consentledger.support.MigratedSchema;
import org.consentledger.support.Rows;
import org.consentledger.support.ScriptedEvent;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * The event writer claims each eventId and queues each event for the ledger in the statement that
 * inserts them (issue 25, step 3, migration V27); the statement trigger left on consent_event holds
 * any other writer to the same rules.
 */
@Tag("database")
@QuarkusTest
class WriterBookkeepingTest {

    @Inject
    DataSource dataSource;

    @Test
    void aBatchIsClaimedAndQueuedOnceForEachEventIdInTheOrderPosted() {
        String siteKey = Api.siteWithPolicies();
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            events.add(Api.event(i % 2 == 0 ? "ACCEPT_ALL" : "REJECT_ALL"));
        }
        events.add(events.get(1)); // the same eventId again, in the same batch

        given().contentType(ContentType.JSON).body(Map.of("events", events))
                .post("/api/v1/sites/" + siteKey + "/events/batch").then().statusCode(200);

        List<String> posted = events.subList(0, 5).stream().map(e -> (String) e.get("eventId")).toList();
        assertThat(Rows.eventsOfSite(dataSource, siteKey)).isEqualTo(5);
        for (String eventId : posted) {
            assertThat(Rows.count(dataSource, "select count(*) from consent_event_key k join consent_event e "
                    + "on e.id = k.event_row_id and e.event_id = k.event_id where k.event_id = ?::uuid", eventId))
                    .as("the claim of %s names its event's row", eventId).isEqualTo(1);
            assertThat(Rows.count(dataSource, "select count(*) from ledger_queue where source = 'consent_event' "
                    + "and record_key = ?", Rows.eventRecordKey(siteKey, UUID.fromString(eventId))))
                    .as("queue entries of %s", eventId).isEqualTo(1);
        }
        assertThat(inOrder("select e.event_id::text from consent_event e join site s on s.id = e.site_id "
                + "where s.site_key = ? order by e.id", siteKey)).as("row ids").isEqualTo(posted);
        Ledger.awaitInclusion(UUID.fromString(posted.get(4)));
        assertThat(inOrder("select e.event_id::text from site s join consent_event e on e.site_id = s.id "
                + "join ledger_leaf l on l.source = 'consent_event' and l.record_key = s.site_key || '/' || e.event_id "
                + "where s.site_key = ? order by l.seq",
                siteKey)).as("leaves").isEqualTo(posted);
    }

    @Test
    void aRowWrittenByAnotherWriterIsClaimedAndQueuedByTheTrigger() {
        String siteKey = Api.siteWithPolicies();
        UUID eventId = UUID.randomUUID();

        ScriptedEvent.insert(dataSource, eventId, siteKey);

        assertThat(Rows.count(dataSource, "select count(*) from consent_event_key k join consent_event e "
                + "on e.id = k.event_row_id where k.event_id = ?", eventId)).isEqualTo(1);
        assertThat(Rows.count(dataSource, "select count(*) from ledger_queue where source = 'consent_event' "
                + "and record_key = ?", Rows.eventRecordKey(siteKey, eventId))).isEqualTo(1);
    }

    @Test
    void anotherWriterCannotRecordAnEventIdTwice() {
        String siteKey = Api.siteWithPolicies();
        UUID taken = Api.postEvent(siteKey, "ACCEPT_ALL");

        assertThatThrownBy(() -> ScriptedEvent.insert(dataSource, taken, siteKey))
                .hasRootCauseInstanceOf(SQLException.class).rootCause().hasMessageContaining("consent_event_key");

        assertThat(Rows.count(dataSource, "select count(*) from consent_event where event_id = ?", taken)).isEqualTo(1);
        assertThat(Rows.count(dataSource, "select count(*) from ledger_queue where record_key = ?",
                Rows.eventRecordKey(siteKey, taken)))
                .isEqualTo(1);
    }

    @Test
    void migrationV27KeepsTheEventsBeforeItAndHoldsScriptsToTheSameRules() throws Exception {
        MigratedSchema migrated = new MigratedSchema("bookkeeping");
        try {
            migrated.migrate("26");
            String script = "insert into consent_event (event_id, site_id, visitor_id, type, document_version_ids, basis, "
                    + "outcome, eea, jurisdiction_source, gpc, received_at, request_hash, retain_until) select '%s', id, "
                    + "gen_random_uuid(), 'ACCEPT_ALL', '{}', 'EXPLICIT', '{}', true, 'HEADER', false, now(), "
                    + "repeat('0', 64), '2020-01-01' from site";
            try (Connection c = migrated.connect(); Statement s = c.createStatement()) {
                s.execute("insert into site (id, site_key, name, origins, categories, implied_consent_categories, "
                        + "created_at, updated_at) values (gen_random_uuid(), 'tenant-b', 'Old', '{}', '{}', '{}', now(), now())");
                s.execute("select ensure_event_partitions('2020-01-01', '2020-01-01')");
                s.execute(script.formatted("00000000-0000-7000-8000-0000000000b1"));
            }

            migrated.migrate(null);

            try (Connection c = migrated.connect(); Statement s = c.createStatement()) {
                s.execute(script.formatted("00000000-0000-7000-8000-0000000000b2"));
                assertThatThrownBy(() -> s.execute(script.formatted("00000000-0000-7000-8000-0000000000b2")))
                        .isInstanceOf(SQLException.class);
                try (ResultSet rs = s.executeQuery("select string_agg(k.event_id || ' ' || (e.id = k.event_row_id), ', ' "
                        + "order by k.event_id), (select count(*) from ledger_queue where source = 'consent_event'), "
                        + "(select max(id) < nextval('consent_event_id_seq') from consent_event) "
                        + "from consent_event_key k join consent_event e on e.event_id = k.event_id")) {
                    rs.next();
                    assertThat(rs.getString(1)).isEqualTo("00000000-0000-7000-8000-0000000000b1 true, "
                            + "00000000-0000-7000-8000-0000000000b2 true");
                    assertThat(rs.getLong(2)).as("queued").isEqualTo(2);
                    assertThat(rs.getBoolean(3)).as("the writer's sequence continues the rows' ids").isTrue();
                }
            }
        } finally {
            migrated.drop();
        }
    }

    private List<String> inOrder(String sql, String siteKey) {
        return Rows.texts(dataSource, sql, siteKey);
    }
}
