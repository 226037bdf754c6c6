package org.consentledger.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.consentledger.support.Api;
import org.consentledger.support.Ledger;
import org.consentledger.support.Rows;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** History cannot be edited in the database, neither by the owner (triggers) nor by the application role (privileges). */
@Tag("database")
@QuarkusTest
class AppendOnlyTest {

    /**
     * A row for each table that no request of {@link #ensureRows} fills, inserted in the same
     * transaction as the statement that must be refused: UPDATE and DELETE on no row fire no trigger.
     */
    private static final Map<String, String> SAMPLE_ROWS = Map.of(
            "ledger_cosignature", "insert into ledger_cosignature (tree_size, witness_key_name, signature_line, received_at) "
                    + "values (0, 'append-only-test', 'sample', now())",
            "ledger_node", "insert into ledger_node (level, index, hash) values (62, 0, '\\x00')",
            "legacy_event_key", "insert into legacy_event_key (event_id, retain_until) values (gen_random_uuid(), '1900-01-01')",
            "retention_purge", "insert into retention_purge (retain_until, admin_log_id, events, purged_at, site_keys) "
                    + "values ('1900-01-01', 0, 0, now(), '{}')",
            "retention_purge_site", "insert into retention_purge_site (retain_until, site_key, admin_log_id) "
                    + "values ('1900-01-01', 'append-only-test', 0)",
            "identity_event", "insert into identity_event (site_id, visitor_id, user_hash, type, actor, at) "
                    + "values ((select id from site limit 1), gen_random_uuid(), repeat('0', 64), 'LINKED', "
                    + "'append-only-test', now())",
            "webhook_delivery_record", "insert into webhook_delivery_record (site_id, endpoint_id, url_sha256, event_type, "
                    + "message_id, status_code, delivered_at) values ((select id from site limit 1), gen_random_uuid(), "
                    + "repeat('0', 64), 'webhook.test', gen_random_uuid(), 200, now())");

    @Inject
    DataSource dataSource;

    @ParameterizedTest
    @MethodSource("appendOnlyTables")
    void updateDeleteAndTruncateAreRefusedEvenForTheOwner(String table) throws Exception {
        ensureRows();
        String sampleRow = SAMPLE_ROWS.containsKey(table) ? SAMPLE_ROWS.get(table) + "; " : "";
        long rows = count(table);
        for (String statement : new String[] { "update " + table + " set " + someColumn(table) + " = " + someColumn(table),
                "delete from " + table, "truncate " + table }) {
            assertThatThrownBy(() -> execute(sampleRow + statement, false)).as(statement)
                    .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
        }
        assertThat(count(table)).isEqualTo(rows);
        if (sampleRow.isEmpty()) {
            assertThat(rows).as("rows to rewrite").isPositive();
        }
    }

    @ParameterizedTest
    @MethodSource("appendOnlyTables")
    void theApplicationRoleMayReadButNotRewrite(String table) throws Exception {
        ensureRows();
        assertThat(execute("select count(*) from " + table, true)).isTrue();
        for (String statement : new String[] { "update " + table + " set " + someColumn(table) + " = " + someColumn(table),
                "delete from " + table, "truncate " + table }) {
            assertThatThrownBy(() -> execute(statement, true)).as(statement)
                    .isInstanceOf(SQLException.class).hasMessageContaining("permission denied");
        }
    }

    /** Every append-only table LedgerPath checks, so a table added there is tested here too. */
    static Stream<String> appendOnlyTables() {
        return LedgerPath.TABLES.stream().filter(LedgerPath.ProtectedTable::appendOnly).map(LedgerPath.ProtectedTable::name);
    }

    @Test
    void theApplicationRoleMayStillEditSitesWhichAreNotHistory() throws Exception {
        String siteKey = Api.createSite();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("set local role consent_app");
            assertThat(s.executeUpdate("update site set name = 'Renamed by app role' where site_key = '" + siteKey + "'"))
                    .isEqualTo(1);
            c.commit();
        }
        assertThat(Rows.count(dataSource, "select count(*) from site where site_key = ? and name = 'Renamed by app role'",
                siteKey)).isEqualTo(1);
    }

    private void ensureRows() {
        String siteKey = Api.siteWithPolicies();
        String versionId = Api.publish(siteKey, "COOKIE_POLICY", "1.0", true);
        Api.asAdmin().body(Map.of("language", "de", "title", "Cookie-Richtlinie",
                        "url", "https://www.example.com/de/cookies", "content", "Volltext"))
                .post("/api/v1/admin/sites/" + siteKey + "/policy-versions/" + versionId + "/translations")
                .then().statusCode(201);
        Api.asAdmin().body(Map.of("language", "de", "texts", Map.of("heading", "Cookies")))
                .post("/api/v1/admin/sites/" + siteKey + "/banner-texts").then().statusCode(201);
        Api.fromCountry("DE").get("/api/v1/sites/" + siteKey + "/notice").then().statusCode(200);
        UUID eventId = UUID.randomUUID();
        io.restassured.RestAssured.given().contentType("application/json")
                .body(Map.of("eventId", eventId.toString(), "visitorId", UUID.randomUUID().toString(),
                        "type", "ACCEPT_ALL"))
                .post("/api/v1/sites/" + siteKey + "/events").then().statusCode(201);
        Ledger.awaitInclusion(eventId);
    }

    private static String someColumn(String table) {
        return switch (table) {
            case "consent_event" -> "type";
            case "policy_version" -> "content";
            case "admin_log" -> "actor";
            case "ledger_leaf" -> "leaf_hash";
            case "ledger_node" -> "hash";
            case "policy_translation" -> "content";
            case "banner_text_set" -> "texts";
            case "rendered_notice" -> "rendering";
            case "jurisdiction_rules" -> "rules";
            case "consent_event_key", "legacy_event_key" -> "retain_until";
            case "ledger_checkpoint" -> "note";
            case "ledger_cosignature" -> "signature_line";
            case "retention_purge" -> "events";
            case "retention_purge_site" -> "site_key";
            case "identity_event" -> "user_hash";
            case "webhook_delivery_record" -> "status_code";
            default -> throw new IllegalArgumentException("Name a column of " + table + " to update");
        };
    }

    private long count(String table) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                var rs = s.executeQuery("select count(*) from " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private boolean execute(String sql, boolean asApplicationRole) throws SQLException {
        Rows.executeAndRollBack(dataSource, sql, asApplicationRole);
        return true;
    }
}
