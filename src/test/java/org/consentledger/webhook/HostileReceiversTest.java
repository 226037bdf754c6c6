package org.consentledger.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.consentledger.webhook.WebhookDeliveryTest.await;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.consentledger.support.Api;
import org.consentledger.support.Rows;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Receivers that never answer, answer without end or redirect cannot hurt ingestion: the banner's
 * events are acknowledged and committed while every sender thread is held, redirects lead nowhere,
 * and a huge answer is dropped after its status line.
 */
@QuarkusTest
class HostileReceiversTest {

    @Inject
    DataSource dataSource;

    @Inject
    WebhooksConfig config;

    @Test
    void whileReceiversThatNeverAnswerHoldEverySenderTheBannersEventsAreAcknowledgedAndCommitted() throws Exception {
        try (Receiver receiver = new Receiver(n -> 200)) {
            String siteKey = Api.createSite();
            int endpoints = (config.threads() + config.maxInFlightPerEndpoint() - 1) / config.maxInFlightPerEndpoint();
            List<String> hanging = new ArrayList<>();
            for (int i = 0; i < endpoints; i++) {
                hanging.add(WebhookResourceTest.create(siteKey, receiver.url("/hang"), List.of("consent.changed")).path("id"));
            }
            for (int i = 0; i < config.maxInFlightPerEndpoint(); i++) {
                WebhookDeliveryTest.post(siteKey, "ACCEPT_ALL", UUID.randomUUID()); // a visitor each: none waits for another
            }
            await(() -> receiver.hanging.get() == config.threads());

            List<UUID> acknowledged = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                UUID visitor = UUID.randomUUID();
                WebhookDeliveryTest.post(siteKey, i % 2 == 0 ? "ACCEPT_ALL" : "REJECT_ALL", visitor);
                acknowledged.add(visitor);
            }

            assertThat(Rows.count(dataSource, "select count(*) from consent_event e join site s on s.id = e.site_id "
                    + "where s.site_key = ? and e.visitor_id = any(?::uuid[])", siteKey, array(acknowledged))).isEqualTo(20);
            // Each change is committed with its event, once for all the endpoints; the feeds cannot pass
            // them yet, as each is held by its first batch until the receivers' 10 s deadline.
            assertThat(Rows.count(dataSource, "select count(*) from webhook_change where visitor_id = any(?::uuid[])",
                    array(acknowledged))).isEqualTo(20);
            await(() -> Rows.count(dataSource, "select count(*) from webhook_delivery where endpoint_id = any(?::uuid[]) "
                    + "and last_error = 'no answer within 10 s' and status = 'PENDING'", array(hanging)) > 0);
        }
    }

    /** The cap on an endpoint's deliveries in flight counts its retries and its feed's batch together. */
    @Test
    void anEndpointsFeedWaitsWhileItsRetriesFillItsCap() throws Exception {
        try (Receiver receiver = new Receiver(n -> 200)) {
            String siteKey = Api.createSite();
            String endpoint = WebhookResourceTest.create(siteKey, receiver.url("/hang"), List.of("consent.changed")).path("id");
            int cap = config.maxInFlightPerEndpoint();
            Rows.execute(dataSource, "insert into webhook_delivery (message_id, endpoint_id, event_type, payload, "
                    + "next_attempt_at, created_at) select gen_random_uuid(), ?::uuid, 'webhook.test', '{}', now(), now() "
                    + "from generate_series(1, ?)", endpoint, cap);
            await(() -> receiver.hanging.get() == cap);

            for (int i = 0; i < 4; i++) {
                WebhookDeliveryTest.post(siteKey, "ACCEPT_ALL", UUID.randomUUID());
            }
            Thread.sleep(1_500); // ten feed polls: time enough to send, were there room
            assertThat(receiver.hanging.get()).as("deliveries held at the receiver").isEqualTo(cap);
        }
    }

    @Test
    void aRedirectIsNotFollowedAndAHugeAnswerIsDroppedAfterItsStatusLine() throws Exception {
        try (Receiver receiver = new Receiver(n -> 200)) {
            String siteKey = Api.createSite();
            String redirecting = WebhookResourceTest.create(siteKey, receiver.url("/redirect"), List.of("policy.published")).path("id");
            String toMetadata = WebhookResourceTest.create(siteKey, receiver.url("/metadata-redirect"),
                    List.of("policy.published")).path("id");
            String huge = WebhookResourceTest.create(siteKey, receiver.url("/huge"), List.of("policy.published")).path("id");

            Api.publish(siteKey, "PRIVACY_POLICY", "1.0", true);

            for (String id : List.of(redirecting, toMetadata)) {
                await(() -> Rows.count(dataSource, "select count(*) from webhook_delivery where endpoint_id = ?::uuid "
                        + "and attempts = 1 and last_status_code = 302 and last_error = 'answered 302' and status = 'PENDING'",
                        id) == 1);
            }
            await(() -> Rows.count(dataSource, "select count(*) from webhook_delivery where endpoint_id = ?::uuid "
                    + "and status = 'DELIVERED' and last_status_code = 200", huge) == 1);
            assertThat(receiver.at("/redirect")).hasSize(1);
            assertThat(receiver.at("/elsewhere")).isEmpty();
            assertThat(JsonPath.from(receiver.at("/huge").get(0).body()).getString("type")).isEqualTo("policy.published");
            assertThat(receiver.hugeEnded.await(20, TimeUnit.SECONDS)).as("the huge answer was cut off").isTrue();
            assertThat(receiver.hugeBytesWritten.get()).isLessThan(Receiver.HUGE_BYTES);
        }
    }

    /** A PostgreSQL array literal of the ids, for {@code ?::uuid[]}. */
    private static String array(List<?> ids) {
        return "{" + String.join(",", ids.stream().map(Object::toString).toList()) + "}";
    }
}
