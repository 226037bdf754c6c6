package org.consentledger.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.consentledger.webhook.PackagedWebhooks.ALLOW_PRIVATE;
import static org.consentledger.webhook.PackagedWebhooks.NO_DELIVERY;
import static org.consentledger.webhook.PackagedWebhooks.QUICK_POLL;
import static org.consentledger.webhook.PackagedWebhooks.await;
import static org.consentledger.webhook.PackagedWebhooks.eventIdOf;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import org.consentledger.support.Figures;
import org.consentledger.support.PackagedApp;
import org.consentledger.support.Rows;
import org.consentledger.support.ScratchDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * kill -9 of the packaged jar with webhook deliveries owed: the change is committed with the event,
 * so after a restart every acknowledged event's delivery arrives, signed, under the webhook-id made
 * from its change; a delivery cut off in flight comes again under the same webhook-id.
 */
@Tag("process")
class WebhookCrashIT {

    private static final int EVENTS = 40;
    /** Short, so that the rows a killed service had claimed are due again by the time it has restarted. */
    private static final String SHORT_LEASE = "consent.webhooks.lease=2s";
    private static final Duration DELIVERY_LIMIT = Duration.ofSeconds(30);

    @BeforeAll
    static void onTheJarOfThisBuild() {
        assumeTrue(PackagedApp.packagedForThisBuild(), "runs after package, in the packaged-jar execution");
    }

    @Test
    void everyAcknowledgedEventIsDeliveredAfterAKillBetweenCommitAndDelivery() throws Exception {
        Path state = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "it-state");
        try (ScratchDatabase db = ScratchDatabase.start(); Receiver receiver = new Receiver(n -> 200)) {
            String siteKey;
            PackagedWebhooks.Endpoint endpoint;
            List<String> acknowledged;
            try (PackagedApp app = PackagedApp.start(db.jdbcUrl(), state, "webhook-crash-it", ALLOW_PRIVATE, NO_DELIVERY)) {
                siteKey = ScratchDatabase.createSite(app.port());
                endpoint = PackagedWebhooks.createEndpoint(app.port(), siteKey, receiver.url("/hook"));
                acknowledged = PackagedWebhooks.postChanges(app.port(), siteKey, EVENTS);
                app.kill();
            }
            Map<String, String> owed = PackagedWebhooks.webhookIdsOwed(db.dataSource(), endpoint.id());
            int beforeRestart = receiver.at("/hook").size();

            long restarted;
            try (PackagedApp app = PackagedApp.start(db.jdbcUrl(), state, "webhook-crash-it", ALLOW_PRIVATE, QUICK_POLL)) {
                restarted = System.nanoTime();
                await("every acknowledged event's delivery", DELIVERY_LIMIT,
                        () -> webhookIds(receiver).size() >= acknowledged.size());
            }
            long allDeliveredMillis = (System.nanoTime() - restarted) / 1_000_000;
            Map<String, String> outbox = PackagedWebhooks.webhookIdsByEvent(db.dataSource(), endpoint.id());
            List<Receiver.Received> received = receiver.at("/hook");
            Map<String, String> arrived = new HashMap<>();
            long unsigned = 0;
            for (Receiver.Received request : received) {
                arrived.put(eventIdOf(request), request.header("webhook-id"));
                unsigned += PackagedWebhooks.signedBy(endpoint.secret(), request) ? 0 : 1;
            }
            Figures.record("webhooks, kill -9 before delivery", "events acknowledged, then kill -9 (delivery off)",
                    acknowledged.size());
            Figures.record("webhooks, kill -9 before delivery", "changes owed to the endpoint after the kill", owed.size());
            Figures.record("webhooks, kill -9 before delivery", "deliveries after restart / events not delivered",
                    received.size() + " / " + acknowledged.stream().filter(e -> !arrived.containsKey(e)).count());
            Figures.record("webhooks, kill -9 before delivery", "all delivered after the restart was ready (ms)",
                    allDeliveredMillis);
            assertThat(beforeRestart).as("nothing delivered before the restart").isZero();
            assertThat(owed.keySet()).as("a change committed for each acknowledged event").containsExactlyInAnyOrderElementsOf(acknowledged);
            assertThat(arrived).as("each acknowledged event arrived under the webhook-id of its change").isEqualTo(owed);
            assertThat(outbox).as("and its delivery row says so").isEqualTo(owed);
            assertThat(unsigned).as("deliveries without a valid signature").isZero();
        }
    }

    @Test
    void deliveriesCutOffByAKillArriveAgainUnderTheSameWebhookId() throws Exception {
        Path state = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "it-state");
        AtomicLong holdMillis = new AtomicLong(300);
        AtomicInteger held = new AtomicInteger();
        try (ScratchDatabase db = ScratchDatabase.start(); Receiver receiver = new Receiver(n -> {
            held.incrementAndGet();
            try {
                Thread.sleep(holdMillis.get()); // a slow receiver: deliveries stay in flight
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                held.decrementAndGet();
            }
            return 200;
        })) {
            DataSource rows = db.dataSource();
            PackagedWebhooks.Endpoint endpoint;
            int inFlightAtKill;
            long leasedAtKill;
            long deliveredAtKill;
            int receivedAtKill;
            try (PackagedApp app = PackagedApp.start(db.jdbcUrl(), state, "webhook-crash-in-flight-it", ALLOW_PRIVATE,
                    QUICK_POLL, SHORT_LEASE)) {
                String siteKey = ScratchDatabase.createSite(app.port());
                endpoint = PackagedWebhooks.createEndpoint(app.port(), siteKey, receiver.url("/hook"));
                PackagedWebhooks.postChanges(app.port(), siteKey, EVENTS);
                await("deliveries under way", DELIVERY_LIMIT, () -> receiver.at("/hook").size() >= EVENTS / 4 && held.get() > 0);
                inFlightAtKill = held.get();
                app.kill();
                receivedAtKill = receiver.at("/hook").size();
                leasedAtKill = Rows.count(rows, "select count(*) from webhook_endpoint where id = ?::uuid "
                        + "and feed_leased_until is not null", UUID.fromString(endpoint.id()));
                deliveredAtKill = PackagedWebhooks.rows(rows, endpoint.id(), "DELIVERED");
            }
            holdMillis.set(0);
            Set<String> cutOff = new HashSet<>(webhookIds(receiver));
            cutOff.removeAll(webhookIdsDelivered(rows, endpoint.id()));

            try (PackagedApp app = PackagedApp.start(db.jdbcUrl(), state, "webhook-crash-in-flight-it", ALLOW_PRIVATE,
                    QUICK_POLL, SHORT_LEASE)) {
                await("every row delivered", DELIVERY_LIMIT, () -> PackagedWebhooks.rows(rows, endpoint.id(), "DELIVERED") == EVENTS);
            }
            Map<String, String> outbox = PackagedWebhooks.webhookIdsByEvent(rows, endpoint.id());
            List<Receiver.Received> received = receiver.at("/hook");
            Map<String, Set<String>> idsByEvent = new HashMap<>();
            Map<String, Integer> timesById = new HashMap<>();
            long unsigned = 0;
            for (Receiver.Received request : received) {
                idsByEvent.computeIfAbsent(eventIdOf(request), e -> new HashSet<>()).add(request.header("webhook-id"));
                timesById.merge(request.header("webhook-id"), 1, Integer::sum);
                unsigned += PackagedWebhooks.signedBy(endpoint.secret(), request) ? 0 : 1;
            }
            long twice = timesById.values().stream().filter(times -> times > 1).count();
            Figures.record("webhooks, kill -9 in flight", "deliveries received / in flight at the receiver at the kill",
                    receivedAtKill + " / " + inFlightAtKill);
            Figures.record("webhooks, kill -9 in flight", "rows delivered / feeds leased at the kill",
                    deliveredAtKill + " / " + leasedAtKill);
            Figures.record("webhooks, kill -9 in flight", "received but not recorded as delivered at the kill", cutOff.size());
            Figures.record("webhooks, kill -9 in flight", "deliveries received in all / outbox rows / webhook-ids received twice",
                    received.size() + " / " + outbox.size() + " / " + twice);
            assertThat(leasedAtKill).as("the kill came with the endpoint's feed leased and its batch in flight").isPositive();
            assertThat(cutOff).as("some deliveries reached the receiver but not their row").isNotEmpty();
            assertThat(timesById.keySet()).as("every row's webhook-id arrived, and no other").isEqualTo(Set.copyOf(outbox.values()));
            assertThat(timesById.keySet()).as("what was cut off came again").containsAll(cutOff);
            cutOff.forEach(id -> assertThat(timesById.get(id)).as("times " + id + " arrived").isGreaterThan(1));
            outbox.forEach((event, id) -> assertThat(idsByEvent.get(event)).as("webhook-ids of event " + event).containsExactly(id));
            assertThat(unsigned).as("deliveries without a valid signature").isZero();
        }
    }

    private static Set<String> webhookIds(Receiver receiver) {
        Set<String> ids = new HashSet<>();
        receiver.at("/hook").forEach(request -> ids.add(request.header("webhook-id")));
        return ids;
    }

    private static Set<String> webhookIdsDelivered(DataSource rows, String endpointId) {
        String delivered = Rows.text(rows, "select string_agg('msg_' || message_id, ',') from webhook_delivery "
                + "where endpoint_id = ?::uuid and status = 'DELIVERED'", UUID.fromString(endpointId));
        return delivered == null ? Set.of() : Set.of(delivered.split(","));
    }
}
