package org.consentledger.ledger;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.nullValue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.consentledger.support.Api;
import org.consentledger.support.Rows;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * What an operator with superuser rights can do to keep records out of the ledger without
 * touching it: delete acknowledged events before they are sequenced, or replace what feeds the
 * queue. The ledger's own checks name both.
 */
@Tag("database")
@QuarkusTest
@TestProfile(LedgerPathAttackTest.QuickChecks.class)
class LedgerPathAttackTest {

    /** Its own service, with checks every half second and a two-second merge delay. */
    public static class QuickChecks implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("consent.ledger.max-merge-delay", "2s", "consent.ledger.path-check-interval", "500ms");
        }
    }

    @Inject
    DataSource superuser;

    @Test
    void eventsTrimmedBeforeSequencingAreNamedByTheMergeDelayAlarm() throws Exception {
        String siteKey = Api.siteWithPolicies();
        UUID visitor = UUID.randomUUID();
        try (Connection c = superuser.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("select pg_advisory_xact_lock(" + LedgerSequencer.LOCK_KEY + ")"); // the sequencer waits
            UUID rejected = post(siteKey, "REJECT_ALL", visitor);
            UUID withdrawn = post(siteKey, "WITHDRAWN", visitor);
            s.execute("set local session_replication_role = replica");
            String ids = "('" + rejected + "', '" + withdrawn + "')";
            s.execute("delete from ledger_queue where split_part(record_key, '/', 2) in " + ids);
            s.execute("delete from consent_event where event_id in " + ids);
            s.execute("delete from consent_decision where event_id in " + ids);
            c.commit();

            given().get("/api/v1/sites/" + siteKey + "/visitors/" + visitor + "/consent").then().statusCode(200)
                    .body("outcome", nullValue());
            awaitAlarm("merge-delay", rejected.toString());
            awaitAlarm("merge-delay", withdrawn.toString()); // received in the same or the next second
            given().get("/q/health").then().statusCode(503)
                    .body("checks.find { it.name == 'ledger' }.data.merge-delay", containsString("2 acknowledged events"));
            given().get("/q/health/ready").then().statusCode(200);
        }
    }

    @Test
    void aReplacedTriggerFunctionIsReported() throws Exception {
        String migrated = Rows.text(superuser, "select prosrc from pg_proc where proname = 'ledger_enqueue_events_left_out'");
        execute("create or replace function ledger_enqueue_events_left_out() returns trigger language plpgsql as $$ "
                + "begin return null; end $$");
        try {
            awaitAlarm("ledger-path", "function ledger_enqueue_events_left_out() is not the one the migrations made");
        } finally {
            execute("create or replace function ledger_enqueue_events_left_out() returns trigger language plpgsql as $$"
                    + migrated + "$$");
        }
    }

    @Test
    void aDisabledOrAddedTriggerIsReported() throws Exception {
        execute("alter table consent_event disable trigger consent_event_to_ledger");
        execute("create function drop_queued() returns trigger language plpgsql as $$ begin return null; end $$");
        execute("create trigger swallow before insert on ledger_queue for each row execute function drop_queued()");
        try {
            awaitAlarm("ledger-path", "trigger consent_event_to_ledger is not the one the migrations made, or is disabled");
            awaitAlarm("ledger-path", "trigger swallow was added to a ledger table");
        } finally {
            execute("drop trigger swallow on ledger_queue");
            execute("drop function drop_queued()");
            execute("alter table consent_event enable trigger consent_event_to_ledger");
        }
    }

    @Test
    void aDroppedAppendOnlyTriggerOnTheWitnessCosignaturesIsReported() throws Exception {
        execute("drop trigger ledger_cosignature_append_only on ledger_cosignature");
        try {
            awaitAlarm("ledger-path", "trigger ledger_cosignature_append_only is missing");
        } finally {
            execute("create trigger ledger_cosignature_append_only before update or delete on ledger_cosignature "
                    + "for each row execute function refuse_rewrite()");
        }
    }

    @ParameterizedTest
    @MethodSource("protectedTables")
    void aTriggerAddedToAnyProtectedTableOrItsTruncateRefusalDisabledIsReported(String table) throws Exception {
        boolean appendOnly = LedgerPath.TABLES.stream().filter(t -> t.name().equals(table)).findFirst().orElseThrow()
                .appendOnly();
        execute("create function probe_ledger_path() returns trigger language plpgsql as $$ begin return null; end $$");
        execute("create trigger probe_" + table + " after truncate on " + table
                + " for each statement execute function probe_ledger_path()");
        if (appendOnly) {
            execute("alter table " + table + " disable trigger " + table + "_no_truncate");
        }
        try {
            awaitAlarm("ledger-path", "trigger probe_" + table + " was added to a ledger table");
            if (appendOnly) {
                awaitAlarm("ledger-path", "trigger " + table + "_no_truncate is not the one the migrations made, or is disabled");
            }
        } finally {
            if (appendOnly) {
                execute("alter table " + table + " enable trigger " + table + "_no_truncate");
            }
            execute("drop trigger probe_" + table + " on " + table);
            execute("drop function probe_ledger_path()");
        }
    }

    static Stream<String> protectedTables() {
        return LedgerPath.TABLES.stream().map(LedgerPath.ProtectedTable::name);
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = superuser.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static UUID post(String siteKey, String type, UUID visitor) {
        Map<String, Object> event = Api.event(type, visitor);
        given().contentType("application/json").body(event).post("/api/v1/sites/" + siteKey + "/events")
                .then().statusCode(201);
        return UUID.fromString((String) event.get("eventId"));
    }

    /** Polls /q/health, at most 15 s, until the ledger check's {@code alarm} says {@code text}. */
    private static void awaitAlarm(String alarm, String text) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 15_000;
        while (true) {
            Object data = given().get("/q/health").then().extract()
                    .path("checks.find { it.name == 'ledger' }.data.'" + alarm + "'");
            if (data != null && data.toString().contains(text)) {
                return;
            }
            assertThat(System.currentTimeMillis()).as("alarm " + alarm + " saying " + text + ", seen: " + data)
                    .isLessThan(deadline);
            Thread.sleep(100);
        }
    }
}
