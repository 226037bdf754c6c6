package org.consentledger.consent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import jakarta.inject.Inject;

import javax.sql.DataSource;

import org.consentledger.support.Api;
import org.consentledger.support.LogCapture;
import org.consentledger.support.Rows;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * Over a thousand generated invalid event bodies, posted alone and in batches to a real site:
 * every one is refused with a 4xx application/problem+json (a batch item with its own 4xx), none
 * gets a 5xx, none writes a row, and neither the answers nor the log show a stack trace. The seed
 * is random and printed; {@code -Dfuzz.seed=N} replays a run.
 */
@QuarkusTest
class EventFuzzTest {

    private static final int BODIES = 1_200;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> INTERNALS = List.of("Exception", "at org.", "at io.", "at java.", "com.fasterxml",
            "jackson", "PSQL", "SQLSTATE");

    @Inject
    DataSource dataSource;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    /** Answers by status: to single bodies, to whole batches, and to the items of answered batches. */
    private final Map<String, Map<Integer, Integer>> answers = new TreeMap<>();
    private final List<String> failures = new ArrayList<>();

    @Test
    void everyGeneratedInvalidBodyIsRefusedWithAProblemAndWritesNothing() {
        long seed = Long.getLong("fuzz.seed", System.nanoTime());
        String siteKey = Api.siteWithPolicies();
        String events = "/api/v1/sites/" + siteKey + "/events";
        long rowsBefore = Rows.count(dataSource, "select count(*) from consent_event");
        InvalidEventBodies generator = new InvalidEventBodies(seed, Instant.now());
        List<LogRecord> logged;
        int batches = 0;

        try (LogCapture log = LogCapture.of("")) {
            List<InvalidEventBodies.Body> pending = new ArrayList<>();
            int batchSize = 1;
            for (int i = 0; i < BODIES; i++) {
                InvalidEventBodies.Body body = generator.next();
                checkSingle(body, post(events, body.json()), "single");
                pending.add(body);
                if (pending.size() == batchSize) {
                    batchSize = 1 + i % 4;
                    InvalidEventBodies.Body batch = MalformedBodies.batchOf(pending);
                    checkBatch(batch, post(events + "/batch", batch.json()), pending.size());
                    pending.clear();
                    batches++;
                }
                if (i % 40 == 0) {
                    InvalidEventBodies.Body batch = generator.brokenBatch();
                    checkBatch(batch, post(events + "/batch", batch.json()), -1);
                    batches++;
                }
            }
            logged = log.records();
        }

        System.out.printf("EventFuzzTest seed %d: %d single bodies and %d batches; statuses %s%n", seed, BODIES,
                batches, answers);
        assertThat(failures).as("refusals that went wrong (seed %d, replay with -Dfuzz.seed=%d)", seed, seed).isEmpty();
        assertThat(answers.get("single").keySet()).as("statuses (seed %d)", seed).allMatch(s -> s >= 400 && s < 500);
        assertThat(Rows.eventsOfSite(dataSource, siteKey)).as("rows of the site (seed %d)", seed).isZero();
        assertThat(Rows.count(dataSource, "select count(*) from consent_event")).as("rows (seed %d)", seed)
                .isEqualTo(rowsBefore);
        assertThat(logged).as("log records at WARNING or above, or with a stack trace (seed %d)", seed)
                .filteredOn(record -> record.getLevel().intValue() >= Level.WARNING.intValue()
                        || record.getThrown() != null)
                .extracting(record -> record.getLoggerName() + ": " + LogCapture.message(record))
                .isEmpty();
    }

    /** Posted with the JDK's client, which keeps its connection: a thousand requests through rest-assured take minutes. */
    private Answer post(String path, byte[] json) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(json)).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private record Answer(int statusCode, String contentType, String body) {
    }

    private void checkSingle(InvalidEventBodies.Body body, Answer response, String kind) {
        String answer = response.body();
        count(kind, response.statusCode());
        if (response.statusCode() < 400 || response.statusCode() >= 500
                || !response.contentType().startsWith("application/problem+json")) {
            fail(body, response.statusCode() + " " + response.contentType() + " " + answer);
        } else {
            checkProblem(body, json(answer), response.statusCode());
        }
        checkNoInternals(body, answer);
    }

    /** A batch is either refused whole, or answered 200 with every item refused on its own. */
    private void checkBatch(InvalidEventBodies.Body batch, Answer response, int items) {
        if (response.statusCode() != 200) {
            checkSingle(batch, response, "batch");
            return;
        }
        count("batch", 200);
        String answer = response.body();
        JsonNode results = json(answer).path("results");
        if (items >= 0 && results.size() != items) {
            fail(batch, "expected " + items + " results: " + answer);
        }
        for (int i = 0; i < results.size(); i++) {
            int status = results.get(i).path("status").asInt();
            count("batch item", status);
            if (status < 400 || status >= 500) {
                fail(batch, "item " + i + " got " + status + ": " + answer);
            } else {
                checkProblem(batch, results.get(i).path("problem"), status);
            }
        }
        checkNoInternals(batch, answer);
    }

    private void checkProblem(InvalidEventBodies.Body body, JsonNode problem, int status) {
        if (problem.path("status").asInt() != status || !problem.path("type").isTextual()
                || !problem.path("title").isTextual() || !problem.path("detail").isTextual()) {
            fail(body, "not a problem document: " + problem.toPrettyString());
        }
        if ("/problems/validation-failed".equals(problem.path("type").asText())) {
            if (!problem.path("errors").isArray()) {
                fail(body, "a validation problem without errors: " + problem.toPrettyString());
            }
            for (JsonNode error : problem.path("errors")) {
                if (error.path("field").asText("").isEmpty()) {
                    fail(body, "a validation problem that names no field: " + problem.toPrettyString());
                }
            }
        }
    }

    /**
     * Parsed with Jackson: rest-assured's JsonPath evaluates each path as a Groovy expression,
     * which cost most of this test's time.
     */
    private JsonNode json(String answer) {
        try {
            return JSON.readTree(answer);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + answer, e);
        }
    }

    private void checkNoInternals(InvalidEventBodies.Body body, String answer) {
        INTERNALS.stream().filter(answer::contains).forEach(leak -> fail(body, "the answer shows '" + leak + "': " + answer));
    }

    private void count(String kind, int status) {
        answers.computeIfAbsent(kind, k -> new TreeMap<>()).merge(status, 1, Integer::sum);
    }

    private void fail(InvalidEventBodies.Body body, String what) {
        String text = body.text();
        failures.add(body.mutations() + " -> " + (what.length() > 600 ? what.substring(0, 600) + "…" : what)
                + "\n   body: " + (text.length() > 300 ? text.substring(0, 300) + "…" : text));
    }
}
