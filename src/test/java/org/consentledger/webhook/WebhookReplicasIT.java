package org.consentledger.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.consentledger.webhook.PackagedWebhooks.ALLOW_PRIVATE;
import static org.consentledger.webhook.PackagedWebhooks.QUICK_POLL;
import static org.consentledger.webhook.PackagedWebhooks.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.consentledger.support.Figures;
import org.consentledger.support.PackagedApp;
import org.consentledger.support.ScratchDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Two packaged replicas on one database, both delivering to one endpoint while events come in to
 * both: every outbox row is delivered exactly once. Neither the rows nor the logs say which
 * replica delivered, so each replica resolves the receiver's name through a hosts file of its own,
 * to an address of its own (127.0.0.1 or 127.0.0.2), and the receiver listening there counts.
 */
@Tag("process")
class WebhookReplicasIT {

    private static final int EVENTS_PER_REPLICA = 200;
    private static final String RECEIVER_HOST = "receiver.test";

    @BeforeAll
    static void onTheJarOfThisBuild() {
        assumeTrue(PackagedApp.packagedForThisBuild(), "runs after package, in the packaged-jar execution");
    }

    @Test
    void eachOutboxRowIsDeliveredOnceByOneOfTwoReplicas() throws Exception {
        Path target = Files.createDirectories(Path.of("target"));
        try (Receiver toFirst = new Receiver(new InetSocketAddress("127.0.0.1", 0), n -> 200);
                Receiver toSecond = new Receiver(new InetSocketAddress("127.0.0.2", toFirst.port()), n -> 200);
                ScratchDatabase db = ScratchDatabase.start();
                PackagedApp first = PackagedApp.start(db.jdbcUrl(), Files.createTempDirectory(target, "replica-a"),
                        "webhook-replica-a", ALLOW_PRIVATE, QUICK_POLL, resolving("127.0.0.1", target));
                PackagedApp second = PackagedApp.start(db.jdbcUrl(), Files.createTempDirectory(target, "replica-b"),
                        "webhook-replica-b", ALLOW_PRIVATE, QUICK_POLL, resolving("127.0.0.2", target))) {
            String siteKey = ScratchDatabase.createSite(first.port());
            PackagedWebhooks.Endpoint endpoint = PackagedWebhooks.createEndpoint(first.port(), siteKey,
                    "http://" + RECEIVER_HOST + ":" + toFirst.port() + "/hook");

            CompletableFuture<List<String>> toA = CompletableFuture.supplyAsync(() -> post(first, siteKey));
            CompletableFuture<List<String>> toB = CompletableFuture.supplyAsync(() -> post(second, siteKey));
            List<String> acknowledged = new ArrayList<>(toA.join());
            acknowledged.addAll(toB.join());
            await("every row delivered", Duration.ofSeconds(30),
                    () -> PackagedWebhooks.rows(db.dataSource(), endpoint.id(), "DELIVERED") == acknowledged.size());
            Thread.sleep(1_000); // long enough for a second delivery of any row to show

            Map<String, String> outbox = PackagedWebhooks.webhookIdsByEvent(db.dataSource(), endpoint.id());
            List<Receiver.Received> received = new ArrayList<>(toFirst.at("/hook"));
            received.addAll(toSecond.at("/hook"));
            Map<String, Integer> timesById = new HashMap<>();
            received.forEach(request -> timesById.merge(request.header("webhook-id"), 1, Integer::sum));
            long more = timesById.values().stream().filter(times -> times > 1).count();
            Figures.record("webhooks, two replicas", "events acknowledged / outbox rows", acknowledged.size() + " / " + outbox.size());
            Figures.record("webhooks, two replicas", "deliveries by the first / second replica",
                    toFirst.at("/hook").size() + " / " + toSecond.at("/hook").size());
            Figures.record("webhooks, two replicas", "webhook-ids delivered more than once", more);
            assertThat(outbox).as("a row for each acknowledged event").hasSize(acknowledged.size());
            assertThat(timesById.keySet()).as("every row's webhook-id arrived, and no other")
                    .containsExactlyInAnyOrderElementsOf(outbox.values());
            assertThat(received).as("each once").hasSize(outbox.size());
            assertThat(toFirst.at("/hook")).as("the first replica delivered").isNotEmpty();
            assertThat(toSecond.at("/hook")).as("the second replica delivered").isNotEmpty();
        }
    }

    private static List<String> post(PackagedApp replica, String siteKey) {
        try {
            return PackagedWebhooks.postChanges(replica.port(), siteKey, EVENTS_PER_REPLICA);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The JVM setting that makes a replica resolve the receiver's name to {@code address}. The
     * hosts file replaces the system's resolver for every name, so it also names this machine.
     */
    private static String resolving(String address, Path target) throws IOException {
        InetAddress self = InetAddress.getLocalHost();
        Path hosts = Files.createTempFile(target, "hosts", ".txt");
        Files.writeString(hosts, address + " " + RECEIVER_HOST + "\n127.0.0.1 localhost\n"
                + self.getHostAddress() + " " + self.getHostName() + "\n");
        return "jdk.net.hosts.file=" + hosts.toAbsolutePath();
    }
}
