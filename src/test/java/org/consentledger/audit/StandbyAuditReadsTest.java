package org.consentledger.audit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.consentledger.support.Api.asAuditor;
import static org.hamcrest.Matchers.equalTo;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.consentledger.support.Api;
import org.consentledger.support.StreamingStandby;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIf;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.restassured.filter.log.LogDetail;

/**
 * Audit reads from a real streaming standby: a scratch primary and a standby cloned from it with
 * pg_basebackup ({@link StreamingStandby}); the service writes to the primary and its auditors'
 * reads answer from the standby.
 */
@QuarkusTest
@TestProfile(StandbyAuditReadsTest.PrimaryAndStandby.class)
@EnabledIf(value = "org.consentledger.support.StreamingStandby#available",
        disabledReason = "needs Debian's PostgreSQL 15 server programs in /usr/lib/postgresql/15/bin "
                + "(apt-get install postgresql-15) to start a streaming standby")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Tag("process")
class StandbyAuditReadsTest {

    public static class PrimaryAndStandby implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(StreamingStandby.class));
        }

        /** The shared test database would otherwise be the main datasource; here the scratch primary is. */
        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }
    }

    @ConfigProperty(name = StreamingStandby.PRIMARY_URL)
    String primaryUrl;

    @ConfigProperty(name = StreamingStandby.STANDBY_URL)
    String standbyUrl;

    @ConfigProperty(name = StreamingStandby.STANDBY_DATA_DIR)
    String standbyDataDir;

    @Inject
    @io.quarkus.agroal.DataSource("audit")
    AgroalDataSource audit;

    @Test
    @Order(1)
    void theAuditDatasourceIsTheReadOnlyStandbyAndTheServiceIsReady() throws SQLException {
        assertThat(StreamingStandby.single(standbyUrl, "select pg_is_in_recovery()::text")).isEqualTo("true");
        assertThat(StreamingStandby.single(primaryUrl, "select pg_is_in_recovery()::text")).isEqualTo("false");
        try (Connection c = audit.getConnection(); Statement s = c.createStatement()) {
            var rs = s.executeQuery("select pg_is_in_recovery(), current_setting('port')");
            rs.next();
            assertThat(rs.getBoolean(1)).isTrue();
            assertThat(standbyUrl).contains(":" + rs.getString(2) + "/");
            assertThatThrownBy(() -> s.executeUpdate("create table written_through_audit (id int)"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("read-only transaction");
        }
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    @Order(2)
    void theAuditorsEventSearchAnswersFromTheStandby() throws SQLException {
        String siteKey = Api.siteWithPolicies();
        UUID first = Api.postEvent(siteKey, "ACCEPT_ALL");
        StreamingStandby.awaitReplay(primaryUrl, standbyUrl);
        assertThat(eventIds(siteKey)).containsExactly(first.toString());
        assertThat(StreamingStandby.single(standbyUrl,
                "select count(*) from pg_stat_activity where application_name = 'consent-ledger-audit'"))
                .isNotEqualTo("0");

        // With replay paused, the primary takes a second event that the standby does not have yet:
        // the auditor does not see it, so the search did not ask the primary.
        StreamingStandby.single(standbyUrl, "select pg_wal_replay_pause()");
        try {
            UUID second = Api.postEvent(siteKey, "REJECT_ALL");
            assertThat(StreamingStandby.single(primaryUrl,
                    "select count(*) from consent_event where event_id = '" + second + "'")).isEqualTo("1");
            assertThat(eventIds(siteKey)).containsExactly(first.toString());

            StreamingStandby.single(standbyUrl, "select pg_wal_replay_resume()");
            StreamingStandby.awaitReplay(primaryUrl, standbyUrl);
            assertThat(eventIds(siteKey)).containsExactly(first.toString(), second.toString());
        } finally {
            StreamingStandby.single(standbyUrl, "select pg_wal_replay_resume()");
        }
    }

    /** Last: it stops the standby. Audit reads fail; the service stays ready and keeps recording. */
    @Test
    @Order(3)
    void aStandbyThatIsDownFailsAuditReadsButNotTheService() {
        String siteKey = Api.siteWithPolicies();
        StreamingStandby.stopServer(standbyDataDir);

        asAuditor().get("/api/v1/audit/sites/" + siteKey + "/events").then()
                .statusCode(503).contentType("application/problem+json");
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        Api.postEvent(siteKey, "ACCEPT_ALL");
    }

    private static List<String> eventIds(String siteKey) {
        return asAuditor().queryParams(Map.of()).get("/api/v1/audit/sites/" + siteKey + "/events")
                .then().log().ifValidationFails(LogDetail.ALL).statusCode(200)
                .extract().jsonPath().getList("items.eventId", String.class);
    }
}
