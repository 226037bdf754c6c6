package org.consentledger.edge;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import javax.sql.DataSource;

import org.consentledger.support.Api;
import org.consentledger.support.Figures;
import org.consentledger.support.LogCapture;
import org.consentledger.support.Rows;
import org.consentledger.support.SecondProcess;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.vertx.core.Vertx;

/**
 * Slow and abusive clients, with the load from a second process ({@link LoadClient}) while this
 * one plays a normal visitor, under the production limits and body timeouts.
 */
@QuarkusTest
@TestProfile(AbusiveClientsFaultTest.ProductionLimits.class)
@Tag("process")
class AbusiveClientsFaultTest {

    /** The production limits and body timeouts, and few worker threads, which slow bodies must not take. */
    public static class ProductionLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("consent.limits.client-rate", "50", "consent.limits.client-burst", "500",
                    "consent.limits.site-rate", "5000", "consent.limits.site-burst", "50000",
                    "quarkus.thread-pool.max-threads", String.valueOf(WORKERS), "consent.edge.liveness-timeout", "1s");
        }
    }

    private static final int WORKERS = 16;

    private static final int SLOW_CONNECTIONS = 300;
    private static final double CLIENT_RATE = 50;
    private static final int CLIENT_BURST = 500;

    @Inject
    DataSource dataSource;

    @Inject
    Vertx vertx;

    @Test
    void slowBodiesHoldNoThreadAndAreClosedWhileANormalClientGetsItsNoticeInUnderASecond() throws Exception {
        String siteKey = Api.siteWithPolicies();
        // Warm: the notice is cached and its code compiled before the slow clients arrive.
        visitor("203.0.113.10").get("/api/v1/sites/" + siteKey + "/notice").then().statusCode(200);
        try (SecondProcess slow = SecondProcess.start(LoadClient.class, "slow", String.valueOf(RestAssured.port),
                "/api/v1/sites/" + siteKey + "/events", String.valueOf(SLOW_CONNECTIONS), "40")) {
            slow.awaitLine("READY", 60);
            List<Long> noticeMillis = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                long started = System.nanoTime();
                visitor("203.0.113.10").get("/api/v1/sites/" + siteKey + "/notice").then().statusCode(200);
                noticeMillis.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            }
            visitor("203.0.113.10").contentType(ContentType.JSON).body(Api.event("ACCEPT_ALL"))
                    .post("/api/v1/sites/" + siteKey + "/events").then().statusCode(201);
            long slowest = noticeMillis.stream().mapToLong(Long::longValue).max().orElseThrow();
            String result = slow.awaitLine("RESULT", 90);

            Figures.record("slow bodies", "connections held, then", result.substring("RESULT ".length()));
            Figures.record("slow bodies", "slowest of 10 notices for a normal client meanwhile (ms)", slowest);
            assertThat(slowest).as("a normal client's notice, while the slow bodies are held").isLessThan(1000);
            assertThat(number(result, "held")).isEqualTo(SLOW_CONNECTIONS);
            assertThat(number(result, "closedByServer")).as("every trickling connection is closed").isEqualTo(SLOW_CONNECTIONS);
            assertThat(number(result, "answered408")).isEqualTo(SLOW_CONNECTIONS);
            assertThat(number(result, "stillOpen")).isZero();
        }
        assertThat(Rows.eventsOfSite(dataSource, siteKey)).as("only the normal client's event").isEqualTo(1);
    }

    @Test
    void aFloodOfBatchesIsAnswered429EventByEventWhileAnotherClientIsServed() throws Exception {
        String siteKey = Api.siteWithPolicies();
        int served = 0;
        String result;
        try (LogCapture security = LogCapture.of("consent.security");
                SecondProcess flood = SecondProcess.start(LoadClient.class, "flood", String.valueOf(RestAssured.port),
                        siteKey, "198.51.100.7", "8", "6", "100")) {
            flood.awaitLine("READY", 60);
            for (int i = 0; i < 20; i++) {
                visitor("203.0.113.20").contentType(ContentType.JSON).body(Api.event("ACCEPT_ALL"))
                        .post("/api/v1/sites/" + siteKey + "/events").then().log().ifValidationFails().statusCode(201);
                visitor("203.0.113.20").get("/api/v1/sites/" + siteKey + "/notice").then().statusCode(200);
                served++;
            }
            result = flood.awaitLine("RESULT", 120);
            List<String> lines = security.records().stream().map(LogCapture::message).toList();
            Figures.record("flood", "one client, 8 connections, batches of 100 events, 6 s",
                    result.substring("RESULT ".length()));
            Figures.record("flood", "another client meanwhile: events and notices served", served + " of 20 each");
            Figures.record("flood", "consent.security lines for the flood", lines.size());
            assertThat(lines).isNotEmpty().allSatisfy(line -> assertThat(line)
                    .contains("\"reason\":\"client-rate\"", "\"client\":\"198.51.100.0/24\"").doesNotContain("198.51.100.7"));
        }
        int created = number(result, "eventsRecorded");
        double seconds = Double.parseDouble(value(result, "seconds"));
        assertThat(number(result, "limited")).isPositive().isEqualTo(number(result, "withRetryAfter"));
        assertThat(number(result, "other")).isZero();
        assertThat(created).as("the flood got no more than the burst and the rate").isLessThanOrEqualTo(
                (int) (CLIENT_BURST + CLIENT_RATE * Math.ceil(seconds + 1)));
        assertThat(Rows.eventsOfSite(dataSource, siteKey)).as("nothing refused was recorded").isEqualTo(created + 20L);
    }

    @Test
    void aServiceWhoseWorkerThreadsAreAllStuckIsNotLiveAndIsAgainOnceTheyAreFree() throws Exception {
        CountDownLatch started = new CountDownLatch(WORKERS);
        CountDownLatch release = new CountDownLatch(1);
        for (int i = 0; i < WORKERS; i++) {
            vertx.executeBlocking(() -> {
                started.countDown();
                return release.await(60, TimeUnit.SECONDS);
            }, false);
        }
        try {
            assertThat(started.await(30, TimeUnit.SECONDS)).as("every worker thread is stuck").isTrue();
            given().get("/q/health/live").then().log().ifValidationFails().statusCode(503)
                    .body("checks.find { it.name == 'worker-pool' }.status", equalTo("DOWN"))
                    .body("checks.find { it.name == 'event-writer' }.status", equalTo("UP"));
        } finally {
            release.countDown();
        }
        int polls = 0;
        while (given().get("/q/health/live").statusCode() != 200 && polls++ < 40) {
            Thread.sleep(250);
        }
        given().get("/q/health/live").then().statusCode(200);
        Figures.record("stuck workers", "liveness", "DOWN with all " + WORKERS + " worker threads stuck, UP once they were free");
    }

    private static RequestSpecification visitor(String address) {
        return given().header("X-Forwarded-For", address).config(RestAssuredConfig.config().httpClient(
                HttpClientConfig.httpClientConfig().setParam("http.socket.timeout", 30_000)));
    }

    private static int number(String result, String name) {
        return Integer.parseInt(value(result, name));
    }

    private static String value(String result, String name) {
        Matcher matcher = Pattern.compile("\\b" + name + "=([0-9.]+)").matcher(result);
        assertThat(matcher.find()).as(name + " in " + result).isTrue();
        return matcher.group(1);
    }
}
