package org.consentledger.webhook;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.consentledger.support.Api;
import org.consentledger.support.Rows;
import org.consentledger.support.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** Events become outbox rows in their own commit, and the worker delivers them signed to a receiver. */
@Tag("database")
@QuarkusTest
class WebhookDeliveryTest {

    @Inject
    DataSource dataSource;

    @Inject
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void anAcknowledgedEventHasItsDeliveryRowAndARepeatedChoiceNone() {
        String siteKey = Api.createSite();
        String id = WebhookResourceTest.create(siteKey, "https://receiver.example/hook", List.of("consent.changed")).path("id");
        UUID visitor = UUID.randomUUID();

        post(siteKey, "ACCEPT_ALL", visitor);
        post(siteKey, "ACCEPT_ALL", visitor);
        post(siteKey, "WITHDRAWN", visitor);

        List<String> bodies = List.of(Rows.text(dataSource, "select string_agg(payload::text, '|' order by id) "
                + "from webhook_delivery where endpoint_id = ?::uuid", id).split("\\|"));
        assertThat(bodies).hasSize(2);
        JsonPath withdrawal = JsonPath.from(bodies.get(1));
        assertThat(withdrawal.getString("type")).isEqualTo("consent.changed");
        assertThat(withdrawal.getString("data.siteKey")).isEqualTo(siteKey);
        assertThat(withdrawal.getString("data.visitorId")).isEqualTo(visitor.toString());
        assertThat(withdrawal.getString("data.eventType")).isEqualTo("WITHDRAWN");
        assertThat(withdrawal.getMap("data.categoriesBefore")).containsEntry("analytics", "GRANTED");
        assertThat(withdrawal.getMap("data.categoriesAfter")).containsEntry("analytics", "DENIED");
        assertThat(JsonPath.from(bodies.get(0)).getMap("data")).doesNotContainKey("categoriesBefore");
    }

    @Test
    void aReceiverGetsSignedDeliveriesAndA500IsRetriedWithTheSameWebhookId() throws Exception {
        try (Receiver receiver = new Receiver(n -> n == 1 ? 500 : 200)) {
            String siteKey = Api.createSite();
            Map<String, Object> created = WebhookResourceTest.create(siteKey, receiver.url("/hook"),
                    List.of("consent.changed")).then().statusCode(201).extract().as(Map.class);

            post(siteKey, "ACCEPT_ALL", UUID.randomUUID());
            await(() -> receiver.at("/hook").size() == 1);
            clock.advance(Duration.ofMinutes(1)); // past the first back-off, 5 s ± 20 %
            await(() -> receiver.at("/hook").size() == 2);

            Receiver.Received first = receiver.at("/hook").get(0);
            Receiver.Received second = receiver.at("/hook").get(1);
            assertThat(second.header("webhook-id")).startsWith("msg_").isEqualTo(first.header("webhook-id"));
            assertThat(second.body()).isEqualTo(first.body());
            assertThat(second.header("content-type")).isEqualTo("application/json");
            assertThat(second.header("webhook-signature")).isEqualTo("v1," + WebhookSignature.sign((String) created.get("secret"),
                    second.header("webhook-id"), Long.parseLong(second.header("webhook-timestamp")), second.body()));
            await(() -> Rows.count(dataSource, "select count(*) from webhook_delivery where endpoint_id = ?::uuid "
                    + "and status = 'DELIVERED' and attempts = 2 and last_status_code = 200", created.get("id")) == 1);
        }
    }

    @Test
    void aRedirectIsNotFollowedAndAHugeAnswerIsNotRead() throws Exception {
        try (Receiver receiver = new Receiver(n -> 200)) {
            String siteKey = Api.createSite();
            String redirecting = WebhookResourceTest.create(siteKey, receiver.url("/redirect"), List.of("policy.published")).path("id");
            String huge = WebhookResourceTest.create(siteKey, receiver.url("/huge"), List.of("policy.published")).path("id");

            Api.publish(siteKey, "PRIVACY_POLICY", "1.0", true);

            await(() -> Rows.count(dataSource, "select count(*) from webhook_delivery where endpoint_id = ?::uuid "
                    + "and attempts = 1 and last_status_code = 302 and status = 'PENDING'", redirecting) == 1);
            await(() -> Rows.count(dataSource, "select count(*) from webhook_delivery where endpoint_id = ?::uuid "
                    + "and status = 'DELIVERED'", huge) == 1);
            assertThat(receiver.at("/elsewhere")).isEmpty();
            assertThat(JsonPath.from(receiver.at("/huge").get(0).body()).getString("type")).isEqualTo("policy.published");
            Thread.sleep(500);
            assertThat(receiver.hugeBytesWritten.get()).isLessThan(100L * 1024 * 1024);
        }
    }

    @Test
    void aTestDeliveryReachesTheEndpointAndShowsInItsLog() throws Exception {
        try (Receiver receiver = new Receiver(n -> 204)) {
            String siteKey = Api.createSite();
            String id = WebhookResourceTest.create(siteKey, receiver.url("/hook"), List.of("consent.changed")).path("id");

            Api.asAdmin().post(WebhookResourceTest.path(siteKey) + "/" + id + "/test").then().statusCode(202);

            await(() -> receiver.at("/hook").size() == 1);
            assertThat(JsonPath.from(receiver.at("/hook").get(0).body()).getString("type")).isEqualTo("webhook.test");
            await(() -> "DELIVERED".equals(Api.asAdmin().get(WebhookResourceTest.path(siteKey) + "/" + id + "/deliveries")
                    .path("items[0].status")));
            Api.asAdmin().get(WebhookResourceTest.path(siteKey) + "/" + id + "/deliveries?limit=101").then().statusCode(400);
        }
    }

    private static void post(String siteKey, String type, UUID visitor) {
        given().contentType(ContentType.JSON).body(Api.event(type, visitor)).post("/api/v1/sites/" + siteKey + "/events")
                .then().statusCode(201);
    }

    static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 20 s in vain").isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
