package org.consentledger.identity;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.consentledger.security.SecurityLog;
import org.consentledger.support.Api;
import org.consentledger.support.Ledger;
import org.consentledger.support.LogCapture;
import org.consentledger.support.Rows;
import org.consentledger.support.Tokens;
import org.consentledger.verify.Leaves;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * An account id is never kept in clear: not in any row of any table, not in the ledger export or
 * the auditors' event export, not in a log line, whatever the request did with it (linking, the
 * person's records, the decisions by userId); and the site's secret reaches none of them either.
 * Only a decision read echoes it, to the backend that sent it.
 */
@Tag("database")
@QuarkusTest
class UserIdSecrecyTest {

    @Inject
    DataSource dataSource;

    @Test
    void aDistinctiveUserIdIsInNoRowNoExportAndNoLogLine() throws SQLException {
        String siteKey = Api.siteWithPolicies();
        String otherSite = Api.createSite();
        String userId = "alice.secrecy-" + UUID.randomUUID() + "@example.com";
        UUID visitor = UUID.randomUUID();
        List<String> answers = new ArrayList<>();
        long linkId;
        List<String> logged = new ArrayList<>();
        // The security log keeps to its own handler, apart from the root's.
        try (LogCapture log = LogCapture.of(""); LogCapture security = LogCapture.of(SecurityLog.CATEGORY)) {
            Api.fromCountry("DE").body(Api.event("ACCEPT_ALL", visitor)).post("/api/v1/sites/" + siteKey + "/events")
                    .then().statusCode(201);
            linkId = IdentityResourceTest.link(siteKey, visitor, userId).then().statusCode(201).extract().jsonPath()
                    .getLong("linkEventId");
            answers.add(IdentityResourceTest.link(siteKey, UUID.randomUUID(), userId + "x".repeat(256))
                    .then().statusCode(400).extract().asString());
            String records = "/api/v1/audit/sites/" + siteKey + "/users/" + userId;
            answers.add(Api.asAuditor().get(records + "/history").then().statusCode(200).extract().asString());
            answers.add(given().auth().oauth2(Tokens.withGroups("auditor:" + otherSite)).get(records + "/history")
                    .then().statusCode(404).extract().asString());
            answers.add(given().get(records + "/evidence").then().statusCode(401).extract().asString());
            answers.add(given().auth().oauth2(Tokens.admin()).get(records + "/evidence").then().statusCode(403)
                    .extract().asString());
            answers.add(Api.asAuditor().get(records + "x".repeat(300) + "/history").then().statusCode(400)
                    .extract().asString());
            String decisions = "/api/v1/sites/" + siteKey + "/decisions";
            IdentityResourceTest.service(siteKey).queryParam("userId", userId).get(decisions).then().statusCode(200)
                    .body("userId", equalTo(userId)).body("decided", equalTo(true));
            IdentityResourceTest.service(siteKey).body(Map.of("subjects", List.of(Map.of("userId", userId))))
                    .post(decisions + "/query").then().statusCode(200).body("decisions[0].decided", equalTo(true));
            answers.add(IdentityResourceTest.service(siteKey).queryParam("userId", userId + "x".repeat(256))
                    .get(decisions).then().statusCode(400).extract().asString());
            answers.add(IdentityResourceTest.service(siteKey).queryParams("userId", userId, "visitorId", visitor)
                    .get(decisions).then().statusCode(400).extract().asString());
            answers.add(IdentityResourceTest.service(otherSite).queryParam("userId", userId)
                    .get("/api/v1/sites/" + siteKey + "/decisions").then().statusCode(404).extract().asString());
            answers.add(given().queryParam("userId", userId).get(decisions).then().statusCode(401).extract().asString());
            answers.add(IdentityResourceTest.service(siteKey).body(Map.of("subjects", List.of(Map.of("userId",
                    userId + "x".repeat(256))))).post(decisions + "/query").then().statusCode(400).extract().asString());
            Ledger.awaitExportedRecord(Leaves.IDENTITY_EVENT, "id", String.valueOf(linkId));
            answers.add(Api.asAuditor().get(records + "/evidence").then().statusCode(200).extract().asString());
            for (LogCapture capture : List.of(log, security)) {
                capture.records().forEach(record -> logged.add(record.getLoggerName() + " " + LogCapture.message(record)));
            }
        }
        String ledgerExport = Api.asAuditor().get("/api/v1/ledger/export").then().statusCode(200).extract().asString();
        String csv = Api.asAuditor().get("/api/v1/audit/sites/" + siteKey + "/events/export?format=csv").then()
                .statusCode(200).extract().asString();
        String ndjson = Api.asAuditor().get("/api/v1/audit/sites/" + siteKey + "/events/export?format=ndjson").then()
                .statusCode(200).extract().asString();
        String userHash = Rows.text(dataSource, "select user_hash from identity_event where id = ?", linkId);
        byte[] secret = secretOf(siteKey);

        assertThat(rowsHolding(userId)).as("rows holding the userId, by table").isEmpty();
        assertThat(rowsHolding(userHash)).as("the hash is what is kept").containsKeys("identity_event", "identity_link");
        assertThat(ledgerExport).doesNotContain(userId).contains(userHash);
        assertThat(List.of(csv, ndjson)).allSatisfy(export -> assertThat(export).doesNotContain(userId));
        assertThat(answers).allSatisfy(answer -> assertThat(answer).doesNotContain(userId));
        assertThat(logged).as("the security log saw the refused calls").anySatisfy(line -> assertThat(line)
                .startsWith(SecurityLog.CATEGORY).contains("/users/{userId}/evidence"));
        assertThat(logged).as("and the refused decision read").anySatisfy(line -> assertThat(line)
                .startsWith(SecurityLog.CATEGORY).contains("/decisions"));
        assertThat(logged).allSatisfy(line -> assertThat(line).doesNotContain(userId));
        for (String secretText : List.of(HexFormat.of().formatHex(secret), Base64.getEncoder().encodeToString(secret))) {
            assertThat(ledgerExport).doesNotContain(secretText);
            assertThat(answers).allSatisfy(answer -> assertThat(answer).doesNotContain(secretText));
            assertThat(logged).allSatisfy(line -> assertThat(line).doesNotContain(secretText));
        }
    }

    /** How many rows of each table hold the text anywhere, each row read as PostgreSQL prints it. */
    private Map<String, Long> rowsHolding(String text) throws SQLException {
        Map<String, Long> found = new java.util.TreeMap<>();
        try (Connection c = dataSource.getConnection()) {
            List<String> tables = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("select tablename from pg_tables where schemaname = current_schema()");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            assertThat(tables).contains("consent_event_key", "identity_event", "site_pseudonym_secret", "admin_log");
            for (String table : tables) {
                try (PreparedStatement ps = c.prepareStatement("select count(*) from \"" + table + "\" t "
                        + "where strpos(t::text, ?) > 0")) {
                    ps.setString(1, text);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        if (rs.getLong(1) > 0) {
                            found.put(table, rs.getLong(1));
                        }
                    }
                }
            }
        }
        return found;
    }

    private byte[] secretOf(String siteKey) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select p.secret from site_pseudonym_secret p join site s on s.id = p.site_id where s.site_key = ?")) {
            ps.setString(1, siteKey);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).as("the site's secret").isTrue();
                return rs.getBytes(1);
            }
        }
    }
}
