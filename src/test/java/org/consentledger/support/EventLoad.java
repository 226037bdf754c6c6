package org.consentledger.support;

import java.io.IOException;
import java.net.ConnectException;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Banner-like clients posting events to a packaged service, each on a connection of its own. An
 * event is acknowledged by 201 or 200; anything else leaves it in the outbox, to be sent again
 * with the same eventId and body, as the banner does. Bounded by the caller: {@link #stop()}.
 */
public final class EventLoad {

    private final int port;
    private final String siteKey;
    private final ConcurrentLinkedQueue<String> outbox;
    private final Set<String> acknowledged;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger sent = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private final AtomicInteger unanswered = new AtomicInteger();
    private final AtomicInteger unavailable = new AtomicInteger();
    private final AtomicInteger other = new AtomicInteger();
    private final boolean stopOnRefusal;
    private final boolean newEvents;
    private ExecutorService clients;

    /** Events acknowledged so far, and those still to send, shared across restarts of the service. */
    public record Ledger(Set<String> acknowledged, ConcurrentLinkedQueue<String> outbox) {
        public static Ledger empty() {
            return new Ledger(ConcurrentHashMap.newKeySet(), new ConcurrentLinkedQueue<>());
        }
    }

    /**
     * @param stopOnRefusal stop sending new events once the service answers 503 or refuses a
     *        connection, as a load balancer stops routing to an instance that is draining
     * @param newEvents make new events when the outbox is empty; without, stop then
     */
    public EventLoad(int port, String siteKey, Ledger ledger, boolean stopOnRefusal, boolean newEvents) {
        this.port = port;
        this.siteKey = siteKey;
        this.outbox = ledger.outbox();
        this.acknowledged = ledger.acknowledged();
        this.stopOnRefusal = stopOnRefusal;
        this.newEvents = newEvents;
    }

    public EventLoad start(int threads) {
        clients = Executors.newFixedThreadPool(threads);
        for (int i = 0; i < threads; i++) {
            clients.submit(this::sendUntilStopped);
        }
        return this;
    }

    private void sendUntilStopped() {
        while (!stopping.get()) {
            String body = outbox.poll();
            if (body == null && !newEvents) {
                return;
            }
            if (body == null) {
                body = "{\"eventId\":\"" + UUID.randomUUID() + "\",\"visitorId\":\"" + UUID.randomUUID()
                        + "\",\"type\":\"ACCEPT_ALL\"}";
            }
            inFlight.incrementAndGet();
            sent.incrementAndGet();
            try {
                RawHttp.Answer answer = RawHttp.send(port, "POST", "/api/v1/sites/" + siteKey + "/events", body);
                if (answer.status() == 201 || answer.status() == 200) {
                    acknowledged.add(eventId(body));
                } else if (answer.status() == 503) {
                    outbox.add(body);
                    unavailable.incrementAndGet();
                    stopIfDraining();
                } else {
                    outbox.add(body);
                    other.incrementAndGet();
                    pause();
                }
            } catch (ConnectException e) {
                outbox.add(body);
                refused.incrementAndGet();
                stopIfDraining();
            } catch (IOException e) {
                outbox.add(body);
                unanswered.incrementAndGet();
            } finally {
                inFlight.decrementAndGet();
            }
        }
    }

    private void stopIfDraining() {
        if (stopOnRefusal) {
            stopping.set(true);
        } else {
            pause();
        }
    }

    /** No new requests; those in flight finish. Waits for them, at most the given seconds. */
    public void stop(int seconds) throws InterruptedException {
        stopping.set(true);
        clients.shutdown();
        if (!clients.awaitTermination(seconds, TimeUnit.SECONDS)) {
            throw new AssertionError("Requests still in flight after " + seconds + " s: " + inFlight.get());
        }
    }

    /** Lets the clients run until they stop by themselves (an empty outbox), at most the given seconds. */
    public void finish(int seconds) throws InterruptedException {
        clients.shutdown();
        if (!clients.awaitTermination(seconds, TimeUnit.SECONDS)) {
            stop(60);
        }
    }

    public static String eventId(String body) {
        return body.substring(body.indexOf("\"eventId\":\"") + 11, body.indexOf("\"eventId\":\"") + 47);
    }

    public int inFlight() {
        return inFlight.get();
    }

    public int sent() {
        return sent.get();
    }

    public int refused() {
        return refused.get();
    }

    /** Requests the service took and closed without an answer. */
    public int unanswered() {
        return unanswered.get();
    }

    /** Requests answered 503 (while draining). */
    public int unavailable() {
        return unavailable.get();
    }

    /** Requests answered with any other status. */
    public int other() {
        return other.get();
    }

    public int acknowledgedCount() {
        return acknowledged.size();
    }

    public boolean stopping() {
        return stopping.get();
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
