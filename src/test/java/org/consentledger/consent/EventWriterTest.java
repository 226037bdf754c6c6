package org.consentledger.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;

import org.consentledger.common.ApiException;
import org.consentledger.jurisdiction.Jurisdiction;
import org.consentledger.support.LogCapture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Group commit without a database: a store that records the batches it is given. */
class EventWriterTest {

    private final List<Integer> batchSizes = Collections.synchronizedList(new ArrayList<>());
    private final CountDownLatch release = new CountDownLatch(1);
    private final CountDownLatch firstCommitStarted = new CountDownLatch(1);
    private volatile boolean holdCommits;
    private volatile UUID poison;
    /** The SQLSTATE the store reports for the poison row. */
    private volatile String poisonState = "22001";
    private volatile boolean storeFails;
    private final List<Integer> calls = Collections.synchronizedList(new ArrayList<>());
    private EventWriter writer;
    /** The statements signed together, one list per signature. */
    private final List<List<Object>> signatures = Collections.synchronizedList(new ArrayList<>());
    private final ReceiptIssuer receipts = new ReceiptIssuer() {
        @Override
        public Unsigned statementOf(NewEvent event) {
            throw new UnsupportedOperationException("the writer is given its statements");
        }

        @Override
        public List<Map<String, Object>> sign(List<Unsigned> unsigned) {
            List<Object> eventIds = unsigned.stream().map(u -> u.statement().get("eventId")).toList();
            signatures.add(eventIds);
            return unsigned.stream().map(u -> Map.<String, Object>of("eventId", u.statement().get("eventId"),
                    "signedWith", eventIds.size())).toList();
        }
    };
    private LogCapture writerLog;

    private final EventStore store = new EventStore(null) {
        @Override
        public List<Written> insertAll(List<NewEvent> events) {
            firstCommitStarted.countDown();
            if (holdCommits) {
                await(release);
            }
            calls.add(events.size());
            if (storeFails && events.stream().anyMatch(e -> e.eventId().equals(poison))) {
                throw new IllegalStateException("connection lost");
            }
            batchSizes.add(events.size());
            return events.stream().map(e -> e.eventId().equals(poison) ? new Written(false, e, poisonState)
                    : new Written(true, e)).toList();
        }
    };

    @AfterEach
    void stop() throws InterruptedException {
        release.countDown();
        writer.stop(null);
        if (writerLog != null) {
            writerLog.close();
        }
    }

    @Test
    void anEventIsAcknowledgedOnlyAfterItsBatchIsCommitted() throws Exception {
        start(10, 100);
        holdCommits = true;
        CompletableFuture<EventWriter.Committed> result = submitted(event());
        // The writer is inside the store's insert now, and cannot leave it until the commit is released.
        assertThat(firstCommitStarted.await(10, TimeUnit.SECONDS)).as("the writer reached the store").isTrue();
        assertThat(result).isNotDone();
        release.countDown();
        assertThat(result.get(5, TimeUnit.SECONDS).written().created()).isTrue();
    }

    @Test
    void aFullQueueRefusesNewEventsWith503InsteadOfGrowing() {
        start(3, 1);
        holdCommits = true;
        List<CompletableFuture<EventWriter.Committed>> accepted = new ArrayList<>();
        ApiException refused = null;
        for (int i = 0; i < 10 && refused == null; i++) {
            try {
                accepted.add(submitted(event()));
            } catch (ApiException e) {
                refused = e;
            }
        }
        assertThat(refused).isNotNull();
        assertThat(refused.status()).isEqualTo(503);
        assertThat(accepted).hasSizeLessThanOrEqualTo(4); // one being written, three waiting
        release.countDown();
        accepted.forEach(f -> assertThat(joined(f).created()).isTrue());
    }

    @Test
    void eventsWaitingTogetherAreCommittedTogether() throws InterruptedException {
        List<CompletableFuture<EventWriter.Committed>> results = queuedBehindOneCommit(300);
        release.countDown();
        results.forEach(EventWriterTest::joined);
        // The first event went alone (nothing else was waiting); the 300 that queued behind it share one commit.
        assertThat(batchSizes).containsExactly(1, 300);
    }

    @Test
    void theReceiptsOfOneCommitShareOneSignatureAndEachEventGetsItsOwn() throws InterruptedException {
        List<CompletableFuture<EventWriter.Committed>> results = queuedBehindOneCommit(40);
        release.countDown();

        for (CompletableFuture<EventWriter.Committed> result : results) {
            EventWriter.Committed committed = result.orTimeout(10, TimeUnit.SECONDS).join();
            assertThat(committed.receipt()).containsEntry("eventId", committed.written().event().eventId().toString());
        }
        assertThat(signatures).extracting(List::size).containsExactly(1, 40);
    }

    /** One event held in its commit, and {@code queued} more waiting behind it. */
    private List<CompletableFuture<EventWriter.Committed>> queuedBehindOneCommit(int queued) throws InterruptedException {
        start(1000, 500);
        holdCommits = true;
        List<CompletableFuture<EventWriter.Committed>> results = new ArrayList<>();
        results.add(submitted(event()));
        assertThat(firstCommitStarted.await(10, TimeUnit.SECONDS)).as("the writer reached the store").isTrue();
        for (int i = 0; i < queued; i++) {
            results.add(submitted(event()));
        }
        return results;
    }

    @Test
    void aRefusedEventIsNotAmongTheReceiptsSigned() throws InterruptedException {
        List<CompletableFuture<EventWriter.Committed>> results = queueBehindAHeldCommit();
        release.countDown();
        results.forEach(result -> result.orTimeout(10, TimeUnit.SECONDS).handle((done, failure) -> done).join());

        assertThat(signatures).extracting(List::size).containsExactly(1, 4);
        assertThat(signatures.get(1)).doesNotContain(poison.toString());
    }

    @Test
    void anEventTheDatabaseRefusesFailsAloneWithA400AndItsBatchIsWrittenOnce() throws InterruptedException {
        List<CompletableFuture<EventWriter.Committed>> results = queueBehindAHeldCommit();
        release.countDown();

        Throwable failure = catchThrowable(() -> joined(results.get(3)));
        assertThat(failure).hasCauseInstanceOf(ApiException.class);
        assertThat(((ApiException) failure.getCause()).status()).isEqualTo(400);
        assertThat(((ApiException) failure.getCause()).type()).isEqualTo("unstorable-event");
        results.stream().filter(r -> r != results.get(3)).forEach(r -> assertThat(joined(r).created()).isTrue());
        // No retry event by event: the first event's commit, then the five queued behind it, once.
        assertThat(calls).containsExactly(1, 5);
        assertThat(writerLog.records()).singleElement().satisfies(record -> {
            assertThat(record.getLevel()).isEqualTo(Level.WARNING);
            assertThat(LogCapture.message(record)).isEqualTo("The database refused consent event " + poison
                    + " with SQLSTATE 22001; the rest of its batch was written");
            assertThat(record.getThrown()).as("no stack trace for a refused row").isNull();
        });
    }

    /**
     * A row that waited too long for a lock while the store isolated it row by row (lock_timeout,
     * SQLSTATE 55P03): the database was busy, not the event wrong, so a retry may well succeed.
     */
    @Test
    void aRowThatTimesOutWhileIsolatedFailsAloneWith503AndRetryAfter() throws InterruptedException {
        poisonState = "55P03";
        List<CompletableFuture<EventWriter.Committed>> results = queueBehindAHeldCommit();
        release.countDown();

        Throwable failure = catchThrowable(() -> joined(results.get(3)));
        assertThat(failure).hasCauseInstanceOf(ApiException.class);
        ApiException unavailable = (ApiException) failure.getCause();
        assertThat(unavailable.status()).isEqualTo(503);
        assertThat(unavailable.type()).isEqualTo("database-unavailable");
        assertThat(unavailable.retryAfterSeconds()).isGreaterThanOrEqualTo(1);
        results.stream().filter(r -> r != results.get(3)).forEach(r -> assertThat(joined(r).created()).isTrue());
    }

    @Test
    void aStoreThatFailsFailsItsWholeBatchOnceWithOneLogLine() throws InterruptedException {
        storeFails = true;
        List<CompletableFuture<EventWriter.Committed>> results = queueBehindAHeldCommit();
        release.countDown();

        assertThat(joined(results.get(0)).created()).isTrue();
        results.subList(1, 6).forEach(r -> assertThatThrownBy(() -> joined(r)).hasRootCauseMessage("connection lost"));
        assertThat(calls).containsExactly(1, 5);
        assertThat(writerLog.records()).singleElement().satisfies(record -> {
            assertThat(record.getLevel().intValue()).isGreaterThanOrEqualTo(Level.SEVERE.intValue());
            assertThat(LogCapture.message(record)).isEqualTo("Could not write a batch of 5 consent events");
        });
    }

    /** One event held in its commit, and five queued behind it, the fourth of all being the poison. */
    private List<CompletableFuture<EventWriter.Committed>> queueBehindAHeldCommit() throws InterruptedException {
        start(100, 100);
        writerLog = LogCapture.of(EventWriter.class);
        holdCommits = true;
        List<CompletableFuture<EventWriter.Committed>> results = new ArrayList<>();
        results.add(submitted(event()));
        assertThat(firstCommitStarted.await(10, TimeUnit.SECONDS)).as("the writer reached the store").isTrue();
        NewEvent bad = event();
        poison = bad.eventId();
        for (int i = 0; i < 5; i++) {
            results.add(submitted(i == 2 ? bad : event()));
        }
        return results;
    }

    private CompletableFuture<EventWriter.Committed> submitted(NewEvent event) {
        return writer.submit(event, new ReceiptIssuer.Unsigned(Map.of("eventId", event.eventId().toString()), new byte[32]));
    }

    private void start(int capacity, int maxBatch) {
        writer = new EventWriter(store, receipts, capacity, maxBatch);
        writer.start(null);
    }

    /** Built by name, so that a new optional request field needs no change here. */
    private static final ObjectMapper STATEMENTS = new ObjectMapper().findAndRegisterModules();

    /** A valid event with a fresh eventId, for the tests of this package that need one without a database. */
    static NewEvent event() {
        Outcome outcome = new Outcome(Outcome.Basis.NONE, new TreeMap<>(), List.of());
        EventRequest stated = STATEMENTS.convertValue(Map.of("eventId", UUID.randomUUID(), "visitorId", UUID.randomUUID(),
                "type", EventType.NOTICE_SHOWN, "documentVersionIds", List.of(), "gpc", false), EventRequest.class);
        return new NewEvent(UUID.randomUUID(), "site", stated, outcome, Jurisdiction.UNKNOWN, null, null, Instant.now(),
                "hash", LocalDate.now().withDayOfMonth(1).plusMonths(27));
    }

    /**
     * Holds the store until the test releases it. A release that never comes fails the batch
     * (the writer completes it exceptionally), so the test fails instead of going on unheld.
     */
    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test did not release the store within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the store was held", e);
        }
    }

    /** The writer's result, failing (rather than hanging) if it takes more than 10 s. */
    private static EventStore.Written joined(CompletableFuture<EventWriter.Committed> result) {
        return result.orTimeout(10, TimeUnit.SECONDS).join().written();
    }
}
