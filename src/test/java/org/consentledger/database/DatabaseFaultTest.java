package org.consentledger.database;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import javax.sql.DataSource;

import org.consentledger.common.ProblemMappers;
import org.consentledger.consent.EventWriter;
import org.consentledger.support.Api;
import org.consentledger.support.Figures;
import org.consentledger.support.LogCapture;
import org.consentledger.support.OwnPostgres;
import org.consentledger.support.Postgres;
import org.consentledger.support.PostgresTestResource;
import org.consentledger.support.Rows;
import org.consentledger.support.Tokens;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * PostgreSQL killed, frozen and locked under a running service, on a server of this test's own:
 * requests are answered 503 problem+json with Retry-After instead of hanging, readiness goes
 * DOWN, liveness stays UP, and the service recovers by itself once the database is back. Every
 * request has a client-side timeout, so a hang fails the test instead of stalling the build.
 */
@QuarkusTest
@TestProfile(DatabaseFaultTest.ShortTimeouts.class)
@Tag("process")
class DatabaseFaultTest {

    public static class ShortTimeouts implements QuarkusTestProfile, OwnPostgres {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("consent.db.statement-timeout", "2", "consent.db.lock-timeout", "1",
                    "consent.db.socket-timeout", "3", "consent.db.connect-timeout", "2",
                    "consent.db.acquisition-timeout", "1", "consent.db.readiness-timeout", "1",
                    "consent.ingest.timeout", "3s");
        }
    }

    /** Any answer takes far less; past this the request hung, and the test fails. */
    private static final int HANG_MILLIS = 30_000;
    private static final int POLLS = 120;

    @ConfigProperty(name = PostgresTestResource.DATA_DIR_PROPERTY)
    String dataDir;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @Inject
    DataSource dataSource;

    private Postgres postgres;
    private final List<LogCapture> expectedErrors = new ArrayList<>();

    @BeforeEach
    void findTheServer() {
        postgres = Postgres.in(Path.of(dataDir));
        // Expected errors while the database is away; kept out of the build's output.
        for (String category : List.of(EventWriter.class.getName(), ProblemMappers.class.getName(),
                "org.consentledger.ledger.LedgerScheduler", "io.agroal.pool", "org.hibernate.orm.jdbc.error",
                "org.hibernate.engine.jdbc.spi.SqlExceptionHelper")) {
            expectedErrors.add(LogCapture.of(category));
        }
        // After a fault of the test before, events are refused for a short pause; each test starts past it.
        String probe = Api.siteWithPolicies();
        until(() -> postEvent(probe, Api.event("NOTICE_SHOWN")).statusCode() == 201, System.nanoTime());
    }

    @AfterEach
    void releaseLogs() {
        expectedErrors.forEach(LogCapture::close);
        expectedErrors.clear();
    }

    @Test
    void aKilledDatabaseAnswers503WithRetryAfterAndTheServiceRecoversWhenItIsBack() {
        String siteKey = Api.siteWithPolicies();
        postEvent(siteKey, Api.event("ACCEPT_ALL")).then().statusCode(201);

        postgres.kill();
        Figures.record("database killed", "readiness DOWN after (ms)", untilReadiness(503, System.nanoTime()));
        Map<String, Object> refused = Api.event("ACCEPT_ALL");
        long started = System.nanoTime();
        assertUnavailable(postEvent(siteKey, refused));
        Figures.record("database killed", "event answered 503 after (ms)", millisSince(started));
        started = System.nanoTime();
        assertUnavailable(timed().auth().oauth2(Tokens.admin())
                .get("/api/v1/admin/sites/" + siteKey));
        Figures.record("database killed", "admin read answered 503 after (ms)", millisSince(started));
        timed().get("/q/health/live").then().statusCode(200);

        postgres.restart();
        long restartedAt = System.nanoTime();
        Figures.record("database killed", "events accepted again after restart (ms)",
                until(() -> postEvent(siteKey, Api.event("NOTICE_SHOWN")).statusCode() == 201, restartedAt));
        Figures.record("database killed", "readiness UP after restart (ms)", untilReadiness(200, restartedAt));
        // The refused event was never acknowledged; its retry records it exactly once.
        postEvent(siteKey, refused).then().statusCode(201);
        assertThat(rowsOf(refused)).isEqualTo(1);
    }

    @Test
    void aFrozenDatabaseAnswers503WithinTheBudgetAndTheServiceRecoversWhenItThaws() {
        String siteKey = Api.siteWithPolicies();
        postEvent(siteKey, Api.event("ACCEPT_ALL")).then().statusCode(201);

        Map<String, Object> refused = Api.event("ACCEPT_ALL");
        postgres.freeze();
        try {
            Figures.record("database frozen", "readiness DOWN after (ms)", untilReadiness(503, System.nanoTime()));
            long started = System.nanoTime();
            assertUnavailable(postEvent(siteKey, refused));
            Figures.record("database frozen", "event answered 503 after (ms)", millisSince(started));
            started = System.nanoTime();
            assertUnavailable(timed().auth().oauth2(Tokens.admin())
                    .get("/api/v1/admin/sites/" + Api.freshSiteKey()));
            Figures.record("database frozen", "admin read answered 503 after (ms)", millisSince(started));
            timed().get("/q/health/live").then().statusCode(200);
        } finally {
            postgres.thaw();
        }
        long thawedAt = System.nanoTime();
        Figures.record("database frozen", "events accepted again after thaw (ms)",
                until(() -> postEvent(siteKey, Api.event("NOTICE_SHOWN")).statusCode() == 201, thawedAt));
        Figures.record("database frozen", "readiness UP after thaw (ms)", untilReadiness(200, thawedAt));
        // Not acknowledged, but perhaps written once the server thawed: the retry is answered, never doubled.
        assertThat(postEvent(siteKey, refused).statusCode()).isIn(200, 201);
        assertThat(rowsOf(refused)).isEqualTo(1);
    }

    @Test
    void aFrozenDatabaseWithEveryPooledConnectionBusyStillAnswers503() throws Exception {
        String siteKey = Api.siteWithPolicies();
        timed().auth().oauth2(Tokens.admin()).get("/api/v1/admin/sites/" + siteKey).then().statusCode(200);
        // More readers than the pool has connections (32): the first ones hold every connection on a
        // frozen socket, and the rest wait for the pool, where Java 17 can miss the timeout
        // (JDK-8301341) and Agroal words the failure differently. Each must still be a 503 in time.
        int readers = 48;
        ExecutorService clients = Executors.newFixedThreadPool(readers);
        postgres.freeze();
        try {
            long started = System.nanoTime();
            List<Future<Response>> reads = new ArrayList<>();
            for (int i = 0; i < readers; i++) {
                reads.add(clients.submit(() -> timed().auth().oauth2(Tokens.admin()).get("/api/v1/admin/sites/" + siteKey)));
            }
            for (Future<Response> read : reads) {
                assertUnavailable(read.get(HANG_MILLIS, TimeUnit.MILLISECONDS));
            }
            Figures.record("database frozen", "48 concurrent admin reads: the last answered 503 after (ms)",
                    millisSince(started));
        } finally {
            postgres.thaw();
            clients.shutdownNow();
        }
        until(() -> timed().auth().oauth2(Tokens.admin()).get("/api/v1/admin/sites/" + siteKey).statusCode() == 200,
                System.nanoTime());
    }

    @Test
    void aLockedEventTableFailsBatchesFastWhileNoticeAdminReadsAndReadinessAreServed() throws Exception {
        String siteKey = Api.siteWithPolicies();
        String otherSite = Api.siteWithPolicies();
        // The site's notice is held in memory before the lock, as a live site's is: sixteen batches
        // loading it at once would each want a pooled connection, and on a loaded machine the
        // pool's one-at-a-time connection opening can outlast the 1 s acquisition timeout, which
        // answers the whole batch 503 instead of each event.
        timed().get("/api/v1/sites/" + siteKey + "/notice").then().statusCode(200);
        ExecutorService clients = Executors.newFixedThreadPool(16);
        try (Connection locker = DriverManager.getConnection(jdbcUrl, "postgres", ""); Statement st = locker.createStatement()) {
            locker.setAutoCommit(false);
            st.execute("lock table consent_event in access exclusive mode");
            List<Future<Response>> batches = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                batches.add(clients.submit(() -> postBatch(siteKey, 10)));
            }
            // While the lock is still held and the batches wait on it:
            long started = System.nanoTime();
            timed().get("/api/v1/sites/" + otherSite + "/notice").then().statusCode(200);
            Figures.record("table locked", "notice answered during the lock in (ms)", millisSince(started));
            started = System.nanoTime();
            timed().auth().oauth2(Tokens.admin()).get("/api/v1/admin/sites/" + otherSite)
                    .then().statusCode(200);
            Figures.record("table locked", "admin read answered during the lock in (ms)", millisSince(started));
            started = System.nanoTime();
            timed().get("/q/health/ready").then().statusCode(200);
            Figures.record("table locked", "readiness answered UP during the lock in (ms)", millisSince(started));
            int unavailable = 0;
            for (Future<Response> batch : batches) {
                Response response = batch.get(HANG_MILLIS, TimeUnit.MILLISECONDS);
                response.then().log().ifValidationFails().statusCode(200);
                List<Integer> statuses = response.jsonPath().getList("results.status");
                unavailable += (int) statuses.stream().filter(status -> status == 503).count();
            }
            st.execute("select 1"); // the lock was held until every batch had its answer
            locker.rollback();
            Figures.record("table locked", "batch events answered 503 while the table was locked", unavailable + " of 160");
            assertThat(unavailable).isEqualTo(160);
        } finally {
            clients.shutdownNow();
        }
        until(() -> postEvent(siteKey, Api.event("NOTICE_SHOWN")).statusCode() == 201, System.nanoTime());
        assertThat(Rows.eventsOfSite(dataSource, siteKey)).isEqualTo(1);
    }

    private void assertUnavailable(Response response) {
        if (response.statusCode() != 503) {
            // What the service logged about the unexpected answer, which the captures keep out of the output.
            expectedErrors.forEach(capture -> capture.records().forEach(record -> {
                java.io.StringWriter stack = new java.io.StringWriter();
                if (record.getThrown() != null) {
                    record.getThrown().printStackTrace(new java.io.PrintWriter(stack));
                }
                System.out.println("[captured] " + LogCapture.message(record) + " " + stack);
            }));
        }
        response.then().log().ifValidationFails().statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", notNullValue())
                .body("type", equalTo("/problems/database-unavailable"));
    }

    private long rowsOf(Map<String, Object> event) {
        return Rows.count(dataSource, "select count(*) from consent_event where event_id = ?::uuid", event.get("eventId"));
    }

    private static io.restassured.specification.RequestSpecification timed() {
        return given().config(RestAssuredConfig.config().httpClient(HttpClientConfig.httpClientConfig()
                .setParam("http.socket.timeout", HANG_MILLIS).setParam("http.connection.timeout", HANG_MILLIS)));
    }

    private static Response postEvent(String siteKey, Map<String, Object> event) {
        return timed().contentType(ContentType.JSON).body(event).post("/api/v1/sites/" + siteKey + "/events");
    }

    private static Response postBatch(String siteKey, int size) {
        List<Map<String, Object>> events = IntStream.range(0, size).mapToObj(i -> Api.event("NOTICE_SHOWN")).toList();
        return timed().contentType(ContentType.JSON).body(Map.of("events", events))
                .post("/api/v1/sites/" + siteKey + "/events/batch");
    }

    private static long untilReadiness(int status, long since) {
        return until(() -> timed().get("/q/health/ready").statusCode() == status, since);
    }

    /** Polls a bounded number of times, half a second apart; the milliseconds since {@code since}. */
    private static long until(Supplier<Boolean> condition, long since) {
        for (int i = 0; i < POLLS; i++) {
            if (condition.get()) {
                return millisSince(since);
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("Not reached after " + POLLS + " polls");
    }

    private static long millisSince(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanos);
    }
}
