package org.consentledger.webhook;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.consentledger.webhook.WebhookDeliveryTest.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.consentledger.support.Api;
import org.consentledger.support.Rows;
import org.consentledger.support.Tokens;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.filter.log.LogDetail;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** An endpoint shows how it is doing, and a disabled one is enabled again with its waiting deliveries. */
@Tag("database")
@QuarkusTest
class WebhookHealthTest {

    private static final String REASON = "Every delivery failed for 5 days";

    @Inject
    DataSource dataSource;

    @Test
    void enablingADisabledEndpointClearsWhyAndItsWaitingDeliveriesArriveAtOnce() throws Exception {
        try (Receiver receiver = new Receiver(n -> 204)) {
            String siteKey = Api.createSite();
            String endpoint = endpoint(siteKey, receiver.url("/hook"));
            Rows.execute(dataSource, "update webhook_endpoint set disabled_at = now() - interval '1 hour', "
                    + "disabled_reason = ?, failing_since = now() - interval '6 days' where id = ?::uuid", REASON, endpoint);
            Api.asAdmin().post(endpoint(siteKey) + endpoint + "/test").then().statusCode(202);
            // tried nine times already, the next try a day away
            Rows.execute(dataSource, "update webhook_delivery set attempts = 9, next_attempt_at = now() + interval '1 day' "
                    + "where endpoint_id = ?::uuid", endpoint);
            Api.asAdmin().get(endpoint(siteKey) + endpoint).then().statusCode(200).body("enabled", equalTo(false))
                    .body("disabledReason", equalTo(REASON)).body("disabledAt", notNullValue())
                    .body("pendingDeliveries", equalTo(1));

            Api.asAdmin().post(endpoint(siteKey) + endpoint + "/enable").then().log().ifValidationFails(LogDetail.ALL)
                    .statusCode(200).body("id", equalTo(endpoint)).body("enabled", equalTo(true))
                    .body("disabledAt", nullValue()).body("disabledReason", nullValue()).body("failingSince", nullValue());

            assertThat(Rows.count(dataSource, "select count(*) from webhook_endpoint where id = ?::uuid and disabled_at is null "
                    + "and disabled_reason is null and failing_since is null", endpoint)).isEqualTo(1);
            assertThat(Rows.count(dataSource, "select count(*) from admin_log where action = 'WEBHOOK_ENABLED' and target = ? "
                    + "and actor is not null and before->>'disabledReason' = ? and after->>'deliveriesDueNow' = '1'",
                    endpoint, REASON)).isEqualTo(1);
            await(() -> receiver.at("/hook").size() == 1);
            await(() -> Rows.count(dataSource, "select count(*) from webhook_delivery where endpoint_id = ?::uuid "
                    + "and status = 'DELIVERED' and attempts = 10", endpoint) == 1);
            Api.asAdmin().get(endpoint(siteKey) + endpoint).then().body("lastDeliveredAt", notNullValue())
                    .body("pendingDeliveries", equalTo(0));
        }
    }

    @Test
    void enablingAnEndpointThatIsNotDisabledChangesAndLogsNothing() throws Exception {
        try (Receiver receiver = new Receiver(n -> 500)) {
            String siteKey = Api.createSite();
            String endpoint = endpoint(siteKey, receiver.url("/hook"));
            Api.asAdmin().post(endpoint(siteKey) + endpoint + "/test").then().statusCode(202);
            await(() -> Rows.count(dataSource, "select count(*) from webhook_delivery d join webhook_endpoint w "
                    + "on w.id = d.endpoint_id where w.id = ?::uuid and d.attempts = 1 and w.failing_since is not null",
                    endpoint) == 1);
            String before = state(endpoint);

            for (int i = 0; i < 2; i++) {
                Api.asAdmin().post(endpoint(siteKey) + endpoint + "/enable").then().statusCode(200)
                        .body("enabled", equalTo(true)).body("failingSince", notNullValue());
            }

            assertThat(state(endpoint)).as("still failing, the retry still backed off").isEqualTo(before);
            assertThat(Rows.count(dataSource, "select count(*) from admin_log where action = 'WEBHOOK_ENABLED' "
                    + "and target = ?", endpoint)).isZero();
        }
    }

    @Test
    void onlyTheSitesAdminsEnableAndAnUnknownEndpointIs404() {
        String siteKey = Api.createSite();
        String endpoint = endpoint(siteKey, "https://receiver.example/hook");
        String enable = endpoint(siteKey) + endpoint + "/enable";

        as("admin:" + siteKey).post(enable).then().statusCode(200);
        as("admin:" + Api.createSite()).post(enable).then().statusCode(404);
        as("auditor").post(enable).then().statusCode(403);
        given().contentType(ContentType.JSON).post(enable).then().statusCode(401);
        Api.asAdmin().post(endpoint(siteKey) + "00000000-0000-0000-0000-000000000000/enable").then().statusCode(404);
        Api.asAdmin().post(endpoint(siteKey) + "not-a-uuid/enable").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("webhookId"));
    }

    @Test
    void anEndpointShowsItsPendingAndFailedCountsAndItsLatest2xx() {
        String siteKey = Api.createSite();
        String endpoint = endpoint(siteKey, "https://receiver.example/hook");
        String quiet = endpoint(siteKey, "https://receiver.example/quiet");
        // The older row answered last (a retry): the latest 2xx is its, not the newest row's.
        delivery(endpoint, "DELIVERED", "2026-01-02T03:04:05.123456Z");
        delivery(endpoint, "DELIVERED", "2026-01-01T00:00:00Z");
        delivery(endpoint, "FAILED", null);
        delivery(endpoint, "FAILED", null);
        delivery(endpoint, "PENDING", null);

        Api.asAdmin().get(endpoint(siteKey) + endpoint).then().log().ifValidationFails(LogDetail.ALL).statusCode(200)
                .body("enabled", equalTo(true)).body("lastDeliveredAt", equalTo("2026-01-02T03:04:05.123456Z"))
                .body("pendingDeliveries", equalTo(1)).body("failedDeliveries", equalTo(2));
        Api.asAdmin().get(WebhookResourceTest.path(siteKey)).then().statusCode(200)
                .body("find { it.id == '" + endpoint + "' }.failedDeliveries", equalTo(2))
                .body("find { it.id == '" + endpoint + "' }.lastDeliveredAt", equalTo("2026-01-02T03:04:05.123456Z"))
                .body("find { it.id == '" + quiet + "' }.pendingDeliveries", equalTo(0))
                .body("find { it.id == '" + quiet + "' }.lastDeliveredAt", nullValue());
    }

    /** Changes its feed has not reached yet are pending too: here, held by a receiver that never answers. */
    @Test
    void changesTheFeedHasNotSentYetArePending() throws Exception {
        try (Receiver receiver = new Receiver(n -> 200)) {
            String siteKey = Api.createSite();
            String endpoint = endpoint(siteKey, receiver.url("/hang"));
            for (int i = 0; i < 10; i++) {
                WebhookDeliveryTest.post(siteKey, "ACCEPT_ALL", UUID.randomUUID());
            }
            // For 10 s (the receiver's deadline) the batch is in flight and the cursor has not moved.
            Api.asAdmin().get(endpoint(siteKey) + endpoint).then().statusCode(200)
                    .body("pendingDeliveries", equalTo(10)).body("failedDeliveries", equalTo(0));
        }
    }

    private static RequestSpecification as(String group) {
        return given().auth().oauth2(Tokens.withGroups(group)).contentType(ContentType.JSON);
    }

    private static String endpoint(String siteKey) {
        return WebhookResourceTest.path(siteKey) + "/";
    }

    private static String endpoint(String siteKey, String url) {
        return WebhookResourceTest.create(siteKey, url, List.of("consent.changed")).then().statusCode(201).extract().path("id");
    }

    /** A row as the worker leaves it; a pending one is next tried in a day, out of the worker's way. */
    private void delivery(String endpoint, String status, String deliveredAt) {
        Rows.execute(dataSource, "insert into webhook_delivery (message_id, endpoint_id, event_type, payload, status, "
                + "attempts, next_attempt_at, created_at, delivered_at) values (gen_random_uuid(), ?::uuid, 'webhook.test', "
                + "'{}'::jsonb, ?, 1, now() + interval '1 day', now(), ?::timestamptz)", endpoint, status, deliveredAt);
    }

    private String state(String endpoint) {
        return Rows.text(dataSource, "select format('%s|%s|%s|%s', w.disabled_at, w.failing_since, d.next_attempt_at, d.status) "
                + "from webhook_endpoint w join webhook_delivery d on d.endpoint_id = w.id where w.id = ?::uuid", endpoint);
    }
}
