package org.consentledger.webhook;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.consentledger.common.DaemonThreads;
import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Delivers the outbox on threads of its own, never the writers': each claim takes as many due
 * deliveries as there are free threads, so a slow or hostile receiver costs at most its share of
 * these threads (and its endpoint's in-flight cap, counted per replica), never ingestion.
 */
@ApplicationScoped
public class DeliveryWorker {

    private static final Logger LOG = Logger.getLogger(DeliveryWorker.class);
    private static final long LINGER_MILLIS = 5;
    private static final int MAX_RECORDED = 500;

    private final DeliveryClaims claims;
    private final WebhookEndpoints endpoints;
    private final WebhookSender sender;
    private final WebhooksConfig config;
    private final Clock clock;
    private final Semaphore free;
    private final ExecutorService dispatcher = DaemonThreads.scheduler("webhook-dispatcher", 1);
    private final ExecutorService senders;
    /** Set when a delivery ends, for the dispatcher waiting for work (one slot: a flag, not a count). */
    private final BlockingQueue<Boolean> ended = new LinkedBlockingQueue<>(1);
    /** Deliveries on their way, by endpoint: what its in-flight cap leaves room for at the next claim. */
    private final Map<UUID, Integer> inFlight = new ConcurrentHashMap<>();
    /** 2xx answers not recorded yet: the dispatcher records them before its next claim. */
    private final Queue<DeliveryClaims.Answered> answered = new ConcurrentLinkedQueue<>();

    DeliveryWorker(DeliveryClaims claims, WebhookEndpoints endpoints, WebhookSender sender,
            WebhooksConfig config, Clock clock) {
        this.claims = claims;
        this.endpoints = endpoints;
        this.sender = sender;
        this.config = config;
        this.clock = clock;
        this.free = new Semaphore(config.threads());
        this.senders = DaemonThreads.scheduler("webhook-sender", config.threads());
    }

    void start(@Observes StartupEvent event) {
        if (config.deliver()) {
            dispatcher.execute(this::dispatch);
        }
    }

    /** At shutdown, before the connection pool closes; a delivery cut short is delivered again after its lease. */
    void stop(@Observes ShutdownEvent event) {
        dispatcher.shutdownNow();
        senders.shutdownNow();
    }

    /**
     * Claims as long as there is work and a free thread; when a claim finds nothing, waits for the
     * poll interval or until a delivery ends (which may free its endpoint's in-flight cap).
     */
    private void dispatch() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                if (claimAndSend() == 0) {
                    ended.poll(config.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                    ended.clear();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // shutting down
        }
    }

    /**
     * Waits for a free thread (and, when most are busy, a moment more, so claims and their records
     * go in batches rather than one row at a time), records what was answered meanwhile, then
     * claims as many due deliveries as there are free threads; how many.
     */
    private int claimAndSend() throws InterruptedException {
        free.acquire();
        if (free.availablePermits() + 1 < config.threads() / 2) {
            Thread.sleep(LINGER_MILLIS);
        }
        recordAnswered();
        int available = 1 + free.drainPermits();
        List<Delivery> claimed;
        Map<UUID, Optional<Endpoint>> endpointOf = new HashMap<>(); // read once per claim, not per delivery
        try {
            claimed = claims.claim(Instant.now(clock), config.lease(), available, config.maxInFlightPerEndpoint(), room());
            claimed.forEach(delivery -> endpointOf.computeIfAbsent(delivery.endpointId(), endpoints::find));
        } catch (RuntimeException e) {
            free.release(available);
            LOG.error("Could not claim webhook deliveries, add their receipts or read their endpoints; "
                    + "trying again at the next poll", e);
            return 0;
        }
        free.release(available - claimed.size());
        for (Delivery delivery : claimed) {
            Optional<Endpoint> endpoint = endpointOf.get(delivery.endpointId());
            inFlight.merge(delivery.endpointId(), 1, Integer::sum);
            senders.execute(() -> {
                try {
                    endpoint.ifPresent(found -> attempt(delivery, found)); // absent: deleted meanwhile, with its deliveries
                } catch (RuntimeException e) {
                    LOG.error("Could not record a webhook attempt; the delivery is made again once its lease ends", e);
                } finally {
                    inFlight.computeIfPresent(delivery.endpointId(), (id, n) -> n == 1 ? null : n - 1);
                    free.release();
                    ended.offer(Boolean.TRUE);
                }
            });
        }
        return claimed.size();
    }

    /** The room each endpoint with deliveries on their way has left under its cap. */
    private Map<UUID, Integer> room() {
        Map<UUID, Integer> room = new HashMap<>();
        inFlight.forEach((endpoint, n) -> room.put(endpoint, config.maxInFlightPerEndpoint() - n));
        return room;
    }

    /**
     * The 2xx answers so far, with their ledger records, in one transaction; should that fail,
     * they are delivered again once their lease ends.
     */
    private void recordAnswered() {
        List<DeliveryClaims.Answered> batch = new ArrayList<>();
        for (DeliveryClaims.Answered next; batch.size() < MAX_RECORDED && (next = answered.poll()) != null; ) {
            batch.add(next);
        }
        if (batch.isEmpty()) {
            return;
        }
        try {
            claims.delivered(batch);
            batch.stream().map(a -> a.endpoint().id()).distinct().forEach(endpoints::answered);
        } catch (RuntimeException e) {
            LOG.error("Could not record " + batch.size() + " webhook deliveries; they are made again once their lease ends", e);
        }
    }

    /** One attempt, and what follows from it: delivered, tried again later, failed for good, endpoint disabled. */
    void attempt(Delivery delivery, Endpoint endpoint) {
        Instant now = Instant.now(clock);
        WebhookSender.Result result = sender.send(endpoint.url(), endpoint.signingSecrets(now), delivery, now);
        Instant after = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
        if (result.delivered()) {
            answered.add(new DeliveryClaims.Answered(delivery, endpoint, result.statusCode(), after));
            return;
        }
        Instant next = RetrySchedule.after(delivery.attempts() + 1).map(after::plus).orElse(null);
        claims.failed(delivery.id(), result.statusCode(), result.error(), next);
        failing(endpoint, after, result.error());
    }

    /** A failed attempt at {@code at}: the endpoint is failing, and disabled once it has failed for days. */
    void failing(Endpoint endpoint, Instant at, String error) {
        Instant failingSince = endpoints.failed(endpoint.id(), at);
        if (!failingSince.isAfter(at.minus(RetrySchedule.DISABLE_AFTER))) {
            endpoints.disable(endpoint.id(), at, "Every delivery failed for " + RetrySchedule.DISABLE_AFTER.toDays()
                    + " days since " + failingSince + "; the last: " + error);
        }
    }

    /**
     * Takes up to {@code wanted} of the endpoint's in-flight cap for the change feed's sends; how
     * many, 0 while the outbox's deliveries fill it. Given back with {@link #gave}.
     */
    int took(UUID endpointId, int wanted) {
        int[] taken = new int[1];
        inFlight.compute(endpointId, (id, n) -> {
            int now = n == null ? 0 : n;
            taken[0] = Math.max(0, Math.min(wanted, config.maxInFlightPerEndpoint() - now));
            return now + taken[0] == 0 ? null : now + taken[0];
        });
        return taken[0];
    }

    /** Gives back what {@link #took} took. */
    void gave(UUID endpointId, int taken) {
        inFlight.computeIfPresent(endpointId, (id, n) -> n <= taken ? null : n - taken);
        ended.offer(Boolean.TRUE);
    }
}
