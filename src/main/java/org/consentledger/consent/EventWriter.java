package org.consentledger.consent;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.consentledger.common.ApiException;
import org.consentledger.common.DatabaseFailures;
import org.consentledger.common.ProblemMappers;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Group commit for consent events. Request threads put validated events on a bounded queue; one
 * writer thread takes whatever is waiting (one event when idle, up to maxBatch under load),
 * inserts it in a single transaction, and only after the commit completes each request. A
 * single writer also means ids are assigned and committed in order, so the auditor's keyset
 * pages never miss an event that committed late.
 * <p>
 * When the database cannot answer (down, frozen, locked), the batch and everything queued behind
 * it fail at once with 503, and for a short pause new events are refused without queueing; the
 * first batch after the pause finds out whether the database is back. Each event also has a
 * budget: past it, its request gets 503 whatever the writer is waiting for.
 */
@Singleton
public class EventWriter {

    /** What became of an event: what the store did with it, and the signed receipt of one it created. */
    public record Committed(EventStore.Written written, Map<String, Object> receipt) {
    }

    record Pending(NewEvent event, ReceiptIssuer.Unsigned receipt, CompletableFuture<Committed> result) {
    }

    private final EventStore store;
    private final ReceiptIssuer receipts;
    private final CommittedEvents committed;
    private final IssuedReceipts issued;
    private final BlockingQueue<Pending> queue;
    private final int maxBatch;
    private final Duration timeout;
    private final Duration pauseAfterFailure;
    private volatile boolean running;
    private volatile long refuseUntilNanos = System.nanoTime();
    private Thread writer;
    private final Timer commits;

    @Inject
    EventWriter(EventStore store, ReceiptIssuer receipts, CommittedEvents committed, IssuedReceipts issued,
            IngestConfig config, MeterRegistry registry) {
        this(store, receipts, committed, issued, config.queueCapacity(), config.maxBatch(), config.timeout(),
                config.pauseAfterFailure(), registry);
    }

    EventWriter(EventStore store, ReceiptIssuer receipts, int queueCapacity, int maxBatch) {
        this(store, receipts, queueCapacity, maxBatch, Duration.ofSeconds(30), Duration.ofSeconds(1));
    }

    EventWriter(EventStore store, ReceiptIssuer receipts, int queueCapacity, int maxBatch, Duration timeout,
            Duration pauseAfterFailure) {
        this(store, receipts, new CommittedEvents(), new IssuedReceipts(), queueCapacity, maxBatch, timeout,
                pauseAfterFailure, Metrics.globalRegistry);
    }

    /**
     * Meters: {@code consent_writer_queue_depth}, the events waiting for the writer, and
     * {@code consent_writer_commit_seconds}, the time of each group commit (a histogram).
     */
    private EventWriter(EventStore store, ReceiptIssuer receipts, CommittedEvents committed, IssuedReceipts issued,
            int queueCapacity, int maxBatch, Duration timeout, Duration pauseAfterFailure, MeterRegistry registry) {
        this.store = store;
        this.receipts = receipts;
        this.committed = committed;
        this.issued = issued;
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        Gauge.builder("consent_writer_queue_depth", queue, BlockingQueue::size)
                .description("Events waiting for a group commit").register(registry);
        this.commits = Timer.builder("consent_writer_commit").description("One group commit of consent events")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(10)).register(registry);
        this.maxBatch = maxBatch;
        this.timeout = timeout;
        this.pauseAfterFailure = pauseAfterFailure;
    }

    /**
     * Queues the event with its unsigned receipt; the future completes once it is committed (with
     * the receipt signed, if the event was created), or fails with a TimeoutException once the
     * budget is spent. 503 at once when the queue is full or the database has just failed.
     */
    public CompletableFuture<Committed> submit(NewEvent event, ReceiptIssuer.Unsigned receipt) {
        if (System.nanoTime() - refuseUntilNanos < 0) {
            throw ProblemMappers.databaseUnavailable();
        }
        Pending pending = new Pending(event, receipt, new CompletableFuture<>());
        if (!running || !queue.offer(pending)) {
            throw ApiException.overloaded();
        }
        return pending.result().orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** False once the writer thread has died: no event could be acknowledged any more. */
    public boolean alive() {
        return writer == null || writer.isAlive() || !running;
    }

    void start(@Observes StartupEvent event) {
        running = true;
        writer = new Thread(this::writeUntilStopped, "event-writer");
        writer.setDaemon(true);
        writer.start();
    }

    /** Runs before the database goes away: what is queued is still written. */
    void stop(@Observes @Priority(1) ShutdownEvent event) throws InterruptedException {
        running = false;
        if (writer != null) {
            writer.join(10_000);
        }
    }

    private void writeUntilStopped() {
        List<Pending> batch = new ArrayList<>(maxBatch);
        while (running || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, maxBatch - 1);
                write(batch);
            } catch (InterruptedException e) {
                // The writer stops when running is false, never by interrupt; an interrupt is a stuck
                // pool wait cut short (StuckPoolWaits), and the writer carries on.
                if (!running) {
                    return;
                }
            } catch (RuntimeException e) {
                Log.error("Event writer failed", e);
            } finally {
                batch.clear();
            }
        }
    }

    /**
     * The store isolates a row the database refuses (one extra statement for the whole batch), so
     * only that event fails. A failure of the store itself is the database's, and the batch's.
     */
    private void write(List<Pending> batch) {
        List<EventStore.Written> written;
        try {
            long started = System.nanoTime();
            written = store.insertAll(batch.stream().map(Pending::event).toList());
            commits.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        } catch (RuntimeException e) {
            if (DatabaseFailures.isUnavailable(e)) {
                failWhileUnavailable(batch, e);
                return;
            }
            Log.errorf(e, "Could not write a batch of %d consent events", batch.size());
            batch.forEach(pending -> pending.result().completeExceptionally(e));
            return;
        }
        List<Pending> created = new ArrayList<>(batch.size());
        List<EventStore.Written> createdWritten = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            EventStore.Written result = written.get(i);
            if (result.refused()) {
                if (!EventStore.PURGED.equals(result.refusedWith())) {
                    Log.warnf("The database refused consent event %s with SQLSTATE %s; the rest of its batch was written",
                            result.event().eventId(), result.refusedWith());
                }
                batch.get(i).result().completeExceptionally(refusal(result.refusedWith()));
            } else if (result.created()) {
                committed.add(result.event());
                created.add(batch.get(i));
                createdWritten.add(result);
            } else {
                batch.get(i).result().complete(new Committed(result, null));
            }
        }
        signReceipts(created, createdWritten);
    }

    /**
     * One signature for the receipts of everything the commit created: signing each apart cost
     * about 40 µs of CPU per event, the largest item of the write path.
     */
    private void signReceipts(List<Pending> created, List<EventStore.Written> written) {
        if (created.isEmpty()) {
            return;
        }
        List<Map<String, Object>> signed;
        try {
            signed = receipts.sign(created.stream().map(Pending::receipt).toList());
        } catch (RuntimeException e) {
            Log.errorf(e, "Could not sign the receipts of %d committed consent events", created.size());
            created.forEach(pending -> pending.result().completeExceptionally(e));
            return;
        }
        for (int i = 0; i < created.size(); i++) {
            issued.add(created.get(i).event(), signed.get(i));
            created.get(i).result().complete(new Committed(written.get(i), signed.get(i)));
        }
    }

    /**
     * A row refused although it passed every check. A data error (SQLSTATE class 22 or 23) is in
     * what the client sent, and sending it again would not help: 400. A row that timed out or
     * waited too long for a lock while the store isolated it (55P03, 57014) met a busy database,
     * and a retry may succeed: 503 with Retry-After. Anything else is ours: 500.
     */
    static RuntimeException refusal(String sqlState) {
        if (EventStore.PURGED.equals(sqlState)) {
            return ApiException.conflict("An event with this eventId was recorded and has since been purged under the "
                    + "site's retention period; send a new eventId");
        }
        if (DatabaseFailures.isUnavailableState(sqlState)) {
            return ProblemMappers.databaseUnavailable();
        }
        if (sqlState.startsWith("22") || sqlState.startsWith("23")) {
            return new ApiException(400, "unstorable-event", "Event cannot be stored",
                    "The event holds a value the ledger cannot store; nothing was recorded for it", null);
        }
        return new IllegalStateException("The database refused a consent event with SQLSTATE " + sqlState);
    }

    /** Fails this batch and everything queued behind it, and refuses new events for a short pause. */
    private void failWhileUnavailable(List<Pending> batch, RuntimeException cause) {
        refuseUntilNanos = System.nanoTime() + pauseAfterFailure.toNanos();
        List<Pending> failed = new ArrayList<>(batch);
        queue.drainTo(failed);
        Log.errorf("The database is unavailable; %d queued events answered with 503 (%s)", failed.size(),
                cause.getMessage());
        ApiException unavailable = ProblemMappers.databaseUnavailable();
        failed.forEach(pending -> pending.result().completeExceptionally(unavailable));
    }
}
