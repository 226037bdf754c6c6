package org.consentledger.webhook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.consentledger.common.DaemonThreads;
import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Sends the endpoints' change feeds ({@link ChangeFeeds}): leases feeds with changes waiting, and
 * for each sends its next batch, a visitor's changes one after another and the visitors side by side
 * within the endpoint's in-flight cap, then records how each delivery ended and moves the cursor in
 * one transaction. A failure hands the rest of the batch to the outbox ({@link DeliveryWorker}),
 * which tries again on the back-off schedule, so a slow or hostile receiver holds a batch for about
 * one request deadline, and only its own feed's threads.
 */
@ApplicationScoped
public class FeedWorker {

    private static final Logger LOG = Logger.getLogger(FeedWorker.class);
    /** Changes sent per batch; with 8 in flight, a receiver answering in 1 ms takes about 25 ms. */
    static final int BATCH = 200;
    /** How often the changes every feed has passed are deleted, and how many at a time. */
    private static final Duration FORGET_EVERY = Duration.ofSeconds(5);
    private static final int FORGET_MAX = 20_000;
    /** The scan for changes no feed will read runs once in this many deletions. */
    private static final int UNREAD_EVERY = 120;
    /** How often a batch looks for room under its endpoint's cap while the outbox's deliveries fill it. */
    private static final Duration ROOM_POLL = Duration.ofMillis(50);

    private final ChangeFeeds feeds;
    private final WebhookEndpoints endpoints;
    private final WebhookSender sender;
    private final DeliveryWorker outbox;
    private final WebhooksConfig config;
    private final Clock clock;
    private final ExecutorService dispatcher = DaemonThreads.scheduler("webhook-feed", 1);
    private final ExecutorService runners;
    private final ExecutorService senders;
    private final Semaphore freeRunners;
    /** The feeds this replica works now: not leased again until their batch is recorded. */
    private final Set<UUID> working = ConcurrentHashMap.newKeySet();
    /** Set when a batch ends, for the dispatcher waiting for work. */
    private final BlockingQueue<Boolean> ended = new LinkedBlockingQueue<>(1);

    FeedWorker(ChangeFeeds feeds, WebhookEndpoints endpoints, WebhookSender sender, DeliveryWorker outbox,
            WebhooksConfig config, Clock clock) {
        this.feeds = feeds;
        this.endpoints = endpoints;
        this.sender = sender;
        this.outbox = outbox;
        this.config = config;
        this.clock = clock;
        int runnerCount = Math.max(1, config.threads() / config.maxInFlightPerEndpoint());
        this.freeRunners = new Semaphore(runnerCount);
        this.runners = DaemonThreads.scheduler("webhook-feed-batch", runnerCount);
        this.senders = DaemonThreads.scheduler("webhook-feed-sender", config.threads());
    }

    void start(@Observes StartupEvent event) {
        if (config.deliver()) {
            dispatcher.execute(this::dispatch);
        }
    }

    /** At shutdown, before the connection pool closes; a batch cut short is sent again after its lease. */
    void stop(@Observes ShutdownEvent event) {
        dispatcher.shutdownNow();
        runners.shutdownNow();
        senders.shutdownNow();
    }

    private void dispatch() {
        // On the monotonic clock: the service's clock may be set back (the tests do), and must not stop this.
        long nextForget = System.nanoTime();
        int forgets = 0;
        try {
            while (!Thread.currentThread().isInterrupted()) {
                if (System.nanoTime() - nextForget >= 0) {
                    forget(++forgets % UNREAD_EVERY == 0);
                    nextForget = System.nanoTime() + FORGET_EVERY.toNanos();
                }
                if (leaseAndRun() == 0) {
                    ended.poll(config.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                    ended.clear();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // shutting down
        }
    }

    private void forget(boolean unreadToo) {
        try {
            feeds.forgetPassed(FORGET_MAX);
            if (unreadToo) {
                feeds.forgetUnread(FORGET_MAX);
            }
        } catch (RuntimeException e) {
            LOG.error("Could not delete the webhook changes every feed has passed; trying again later", e);
        }
    }

    /** Leases as many feeds as there are free runners and starts their batches; how many. */
    private int leaseAndRun() throws InterruptedException {
        freeRunners.acquire();
        int available = 1 + freeRunners.drainPermits();
        List<ChangeFeeds.Lease> leased;
        try {
            leased = feeds.lease(Instant.now(clock), config.lease(), available, Set.copyOf(working));
        } catch (RuntimeException e) {
            freeRunners.release(available);
            LOG.error("Could not lease webhook feeds; trying again at the next poll", e);
            return 0;
        }
        freeRunners.release(available - leased.size());
        for (ChangeFeeds.Lease lease : leased) {
            working.add(lease.endpointId());
            runners.execute(() -> {
                try {
                    run(lease);
                } catch (RuntimeException e) {
                    LOG.error("Could not send or record a webhook feed's batch; it is sent again once its lease ends", e);
                } finally {
                    working.remove(lease.endpointId());
                    freeRunners.release();
                    ended.offer(Boolean.TRUE);
                }
            });
        }
        return leased.size();
    }

    /** One batch of one feed: read, sent, recorded with the cursor moved; or the lease let go. */
    void run(ChangeFeeds.Lease lease) {
        Optional<Endpoint> endpoint = endpoints.find(lease.endpointId());
        List<ChangeFeeds.Change> changes = endpoint.filter(e -> e.disabledAt() == null)
                .map(e -> feeds.next(lease, e, BATCH)).orElse(List.of());
        if (changes.isEmpty()) {
            feeds.release(lease);
            return;
        }
        List<ChangeFeeds.Ended> outcomes = send(endpoint.get(), changes);
        if (!feeds.commit(lease, endpoint.get(), outcomes)) {
            LOG.warn("A webhook feed's lease ran out while its batch was sent; the worker holding it now sends it again");
            return;
        }
        Optional<ChangeFeeds.Ended> failure = outcomes.stream().filter(o -> o.attempts() > 0 && !o.delivered()).findFirst();
        if (failure.isPresent()) {
            outbox.failing(endpoint.get(), failure.get().at(), failure.get().error());
        } else if (outcomes.stream().anyMatch(ChangeFeeds.Ended::delivered)) {
            endpoints.answered(endpoint.get().id());
        }
    }

    /**
     * Sends the batch: each visitor's changes in order on one thread, the visitors side by side
     * within the endpoint's in-flight cap. A visitor whose earlier change waits in the outbox is not
     * sent to; after a failure, nothing more is sent, and what was not is handed to the outbox due
     * when the failed delivery is tried again. The outcomes, in the changes' order.
     */
    private List<ChangeFeeds.Ended> send(Endpoint endpoint, List<ChangeFeeds.Change> changes) {
        ChangeFeeds.Ended[] outcomes = new ChangeFeeds.Ended[changes.size()];
        Map<ChangeFeeds.Change, Integer> position = new IdentityHashMap<>();
        for (int i = 0; i < changes.size(); i++) {
            position.put(changes.get(i), i);
        }
        AtomicReference<Instant> retryAt = new AtomicReference<>();
        var groups = ChangeFeeds.byVisitor(changes).values();
        int room = 0;
        CountDownLatch done = new CountDownLatch(groups.size());
        try {
            // The cap counts the outbox's deliveries too: while its retries fill it (each ends within
            // the request deadline), the batch waits.
            while ((room = outbox.took(endpoint.id(), config.maxInFlightPerEndpoint())) == 0) {
                Thread.sleep(ROOM_POLL.toMillis());
            }
            Semaphore slots = new Semaphore(room);
            for (List<ChangeFeeds.Change> group : groups) {
                slots.acquireUninterruptibly();
                senders.execute(() -> {
                    try {
                        sendInOrder(endpoint, group, retryAt, outcomes, position);
                    } finally {
                        slots.release();
                        done.countDown();
                    }
                });
            }
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Shutting down while a webhook feed's batch was sent");
        } finally {
            outbox.gave(endpoint.id(), room);
        }
        Instant later = Optional.ofNullable(retryAt.get()).orElseGet(() -> Instant.now(clock));
        List<ChangeFeeds.Ended> all = new ArrayList<>(outcomes.length);
        for (int i = 0; i < outcomes.length; i++) {
            // Not sent (the batch failed, or the visitor waits in the outbox): the outbox's, due then.
            all.add(outcomes[i] != null ? outcomes[i] : new ChangeFeeds.Ended(changes.get(i), 0, null, null, null,
                    changes.get(i).waiting() ? Instant.now(clock) : later));
        }
        return all;
    }

    private void sendInOrder(Endpoint endpoint, List<ChangeFeeds.Change> group, AtomicReference<Instant> retryAt,
            ChangeFeeds.Ended[] outcomes, Map<ChangeFeeds.Change, Integer> position) {
        for (ChangeFeeds.Change change : group) {
            if (change.waiting() || retryAt.get() != null) {
                return; // this and the visitor's later changes go to the outbox, behind what failed
            }
            Instant now = Instant.now(clock);
            WebhookSender.Result result = sender.send(endpoint.url(), endpoint.signingSecrets(now), change.delivery(), now);
            Instant after = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
            if (result.delivered()) {
                outcomes[position.get(change)] = new ChangeFeeds.Ended(change, 1, result.statusCode(), null, after, null);
                continue;
            }
            Instant next = RetrySchedule.after(1).map(after::plus).orElse(null);
            retryAt.compareAndSet(null, next);
            outcomes[position.get(change)] = new ChangeFeeds.Ended(change, 1, result.statusCode(), result.error(), after, next);
            return;
        }
    }
}
