package org.consentledger.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.consentledger.webhook.WebhookDeliveryTest.await;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.consentledger.support.Api;
import org.consentledger.support.Rows;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * The deliveries as a receiver written with the official standardwebhooks package (Node.js) judges
 * them: every one verifies with the endpoint's secret, after a rotation with the new secret and,
 * for the overlap, with the old one too; none verifies with another secret.
 */
@Tag("process")
@QuarkusTest
class StandardWebhooksReceiverTest {

    private static final String NO_MATCH = "No matching signature found";

    @Inject
    DataSource dataSource;

    @Test
    void everyDeliveryVerifiesWithTheSecretAndAfterARotationWithBothSecretsForADay() throws Exception {
        try (NodeReceiver receiver = NodeReceiver.start()) {
            String siteKey = Api.createSite();
            Response created = WebhookResourceTest.create(siteKey, receiver.url("/hook"), List.of("consent.changed"));
            String id = created.path("id");
            receiver.verifyWith("first", created.path("secret"));

            WebhookDeliveryTest.post(siteKey, "ACCEPT_ALL", UUID.randomUUID());
            WebhookDeliveryTest.post(siteKey, "REJECT_ALL", UUID.randomUUID());
            Api.asAdmin().post(WebhookResourceTest.path(siteKey) + "/" + id + "/test").then().statusCode(202);
            await(() -> receiver.at("/hook").size() == 3);
            assertThat(receiver.at("/hook")).allSatisfy(v -> {
                assertThat(v.verified()).containsExactly("first");
                assertThat(v.webhookId()).startsWith("msg_");
            });
            assertThat(receiver.at("/hook")).extracting(NodeReceiver.Verdict::type)
                    .containsExactlyInAnyOrder("consent.changed", "consent.changed", "webhook.test");

            String second = Api.asAdmin().post(WebhookResourceTest.path(siteKey) + "/" + id + "/rotate-secret")
                    .then().statusCode(200).extract().path("secret");
            receiver.verifyWith("second", second);
            WebhookDeliveryTest.post(siteKey, "ACCEPT_ALL", UUID.randomUUID());
            await(() -> receiver.at("/hook").size() == 4);
            NodeReceiver.Verdict duringOverlap = receiver.at("/hook").get(3);
            assertThat(duringOverlap.signatures()).isEqualTo(2);
            assertThat(duringOverlap.verified()).containsExactlyInAnyOrder("first", "second");

            // The day of overlap is over: written in the row, since moving the clock a day would
            // put webhook-timestamp outside the library's five minutes of tolerance.
            Rows.execute(dataSource, "update webhook_endpoint set previous_secret_until = now() - interval '1 second' "
                    + "where id = ?::uuid", id);
            WebhookDeliveryTest.post(siteKey, "WITHDRAWN", UUID.randomUUID());
            await(() -> receiver.at("/hook").size() == 5);
            NodeReceiver.Verdict afterOverlap = receiver.at("/hook").get(4);
            assertThat(afterOverlap.signatures()).isEqualTo(1);
            assertThat(afterOverlap.verified()).containsExactly("second");
            assertThat(afterOverlap.failed()).isEqualTo(Map.of("first", NO_MATCH));
            await(() -> Rows.count(dataSource, "select count(*) from webhook_delivery where endpoint_id = ?::uuid "
                    + "and status = 'DELIVERED' and last_status_code = 204", id) == 5);
        }
    }

    @Test
    void aReceiverWithAnotherSecretRejectsTheDeliveryAndItIsTriedAgain() throws Exception {
        try (NodeReceiver receiver = NodeReceiver.start()) {
            String siteKey = Api.createSite();
            String id = WebhookResourceTest.create(siteKey, receiver.url("/hook"), List.of("consent.changed")).path("id");
            receiver.verifyWith("other", WebhookSecrets.generate());

            Api.asAdmin().post(WebhookResourceTest.path(siteKey) + "/" + id + "/test").then().statusCode(202);

            await(() -> receiver.at("/hook").size() == 1);
            NodeReceiver.Verdict verdict = receiver.at("/hook").get(0);
            assertThat(verdict.verified()).isEmpty();
            assertThat(verdict.failed()).isEqualTo(Map.of("other", NO_MATCH));
            await(() -> Rows.count(dataSource, "select count(*) from webhook_delivery where endpoint_id = ?::uuid "
                    + "and status = 'PENDING' and attempts = 1 and last_status_code = 401", id) == 1);
        }
    }
}
