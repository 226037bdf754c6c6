package org.consentledger.webhook;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.consentledger.support.Api;
import org.consentledger.support.Rows;
import org.consentledger.support.TestClock;
import org.consentledger.support.Tokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** Events become changes on the endpoints' feeds in their own commit, and the workers deliver them signed to a receiver. */
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
    void anAcknowledgedEventIsOwedItsDeliveryAndARepeatedChoiceNone() {
        String siteKey = Api.createSite();
        String id = WebhookResourceTest.create(siteKey, "https://receiver.example/hook", List.of("consent.changed")).path("id");
        UUID visitor = UUID.randomUUID();

        post(siteKey, "ACCEPT_ALL", visitor);
        post(siteKey, "ACCEPT_ALL", visitor);
        post(siteKey, "WITHDRAWN", visitor);

        // Committed with the event as a change on the endpoint's feed, or already handed on to the outbox.
        List<String> bodies = List.of(Rows.text(dataSource, "select string_agg(payload, '|' order by created_at) from "
                + "(select distinct on (event_id) payload, created_at from (select event_id, payload::text as payload, "
                + "created_at from webhook_change where visitor_id = ? union all select event_id, payload, created_at "
                + "from webhook_delivery where endpoint_id = ?::uuid) owed order by event_id) owed", visitor, id)
                .split("\\|"));
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
            awaitRetryScheduled((String) created.get("id"), 1);
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

    /**
     * Each message fails its first attempt: the visitor's next change waits until the one before
     * is delivered, so the receiver sees each event twice, in the order of the events.
     */
    @Test
    void aVisitorsChangesArriveInOrderEachRetriedUnderItsOwnWebhookId() throws Exception {
        try (Receiver receiver = Receiver.byAttempt(attempt -> attempt == 1 ? 500 : 200)) {
            String siteKey = Api.createSite();
            String id = WebhookResourceTest.create(siteKey, receiver.url("/hook"), List.of("consent.changed")).path("id");
            UUID visitor = UUID.randomUUID();
            List<String> eventIds = new ArrayList<>();
            for (String type : List.of("ACCEPT_ALL", "WITHDRAWN", "ACCEPT_ALL", "REJECT_ALL")) {
                Map<String, Object> event = Api.event(type, visitor);
                given().contentType(ContentType.JSON).body(event).post("/api/v1/sites/" + siteKey + "/events")
                        .then().statusCode(201);
                eventIds.add((String) event.get("eventId"));
            }

            for (int event = 1; event <= eventIds.size(); event++) {
                int attempts = 2 * event;
                long delivered = event;
                await(() -> receiver.at("/hook").size() >= attempts - 1);
                awaitRetryScheduled(id, 1);
                clock.advance(Duration.ofMinutes(1)); // past the first back-off, 5 s ± 20 %
                await(() -> receiver.at("/hook").size() >= attempts);
                // Recorded before the clock moves again: a minute on, a delivery still leased would be due again.
                await(() -> Rows.count(dataSource, "select count(*) from webhook_delivery where endpoint_id = ?::uuid "
                        + "and status = 'DELIVERED'", id) >= delivered);
            }

            List<String> webhookIds = List.of(Rows.text(dataSource, "select string_agg('msg_' || message_id, ',' order by id) "
                    + "from webhook_delivery where endpoint_id = ?::uuid", id).split(","));
            List<String> expected = new ArrayList<>();
            List<String> seen = new ArrayList<>();
            for (int i = 0; i < eventIds.size(); i++) {
                expected.addAll(Collections.nCopies(2, eventIds.get(i) + " " + webhookIds.get(i)));
            }
            for (Receiver.Received request : receiver.at("/hook")) {
                seen.add(JsonPath.from(request.body()).getString("data.eventId") + " " + request.header("webhook-id"));
            }
            assertThat(seen).as("each event, failed then delivered, before the next").isEqualTo(expected);
            assertThat(Set.copyOf(webhookIds)).as("a webhook-id of its own for each event").hasSize(eventIds.size());
            await(() -> Rows.count(dataSource, "select count(*) from webhook_delivery where endpoint_id = ?::uuid "
                    + "and status = 'DELIVERED' and attempts = 2", id) == eventIds.size());
        }
    }

    /**
     * A change whose transaction took its id first and committed last is delivered, and before the
     * visitor's later change: the feed reads only changes of transactions that have all ended, so
     * its cursor never passes one still running. Once the feed has passed them, they are deleted.
     */
    @Test
    void aChangeCommittedAfterALaterOneIsDeliveredFirstAndPassedChangesAreDeleted() throws Exception {
        try (Receiver receiver = new Receiver(n -> 204)) {
            String siteKey = Api.createSite();
            WebhookResourceTest.create(siteKey, receiver.url("/hook"), List.of("consent.changed")).then().statusCode(201);
            String siteId = Rows.text(dataSource, "select id::text from site where site_key = ?", siteKey);
            UUID visitor = UUID.randomUUID(); // one visitor: the order is kept per visitor
            UUID slowEvent = UUID.randomUUID();
            UUID laterEvent = UUID.randomUUID();
            try (Connection slow = dataSource.getConnection()) {
                slow.setAutoCommit(false);
                try (PreparedStatement ps = slow.prepareStatement("insert into webhook_change (site_id, visitor_id, event_id, "
                        + "payload, created_at) values (?::uuid, ?, ?, jsonb_build_object('type', 'consent.changed', "
                        + "'data', jsonb_build_object('eventId', ?::text)), now())")) {
                    ps.setString(1, siteId);
                    ps.setObject(2, visitor);
                    ps.setObject(3, slowEvent);
                    ps.setString(4, slowEvent.toString());
                    ps.executeUpdate();
                }
                Map<String, Object> later = new HashMap<>(Api.event("ACCEPT_ALL", visitor));
                later.put("eventId", laterEvent.toString());
                given().contentType(ContentType.JSON).body(later).post("/api/v1/sites/" + siteKey + "/events")
                        .then().statusCode(201);
                Thread.sleep(1_500); // a dozen polls: time enough to deliver the later change, were it read
                assertThat(receiver.at("/hook")).as("nothing read past a transaction still running").isEmpty();
                slow.commit();
            }
            await(() -> receiver.at("/hook").size() == 2);
            assertThat(receiver.at("/hook").stream().map(r -> JsonPath.from(r.body()).getString("data.eventId")))
                    .containsExactly(slowEvent.toString(), laterEvent.toString());
            await(() -> Rows.count(dataSource, "select count(*) from webhook_change where site_id = ?::uuid", siteId) == 0);
        }
    }

    @Test
    void aConsentChangeTellsTheEventTheLinkedAccountAndTheEventsReceipt() throws Exception {
        try (Receiver receiver = new Receiver(n -> 204)) {
            String siteKey = Api.siteWithPolicies();
            String id = WebhookResourceTest.create(siteKey, receiver.url("/hook"), List.of("consent.changed")).path("id");
            UUID visitor = UUID.randomUUID();
            String userHash = given().auth().oauth2(Tokens.withGroups("service:" + siteKey)).contentType(ContentType.JSON)
                    .body(Map.of("visitorId", visitor.toString(), "userId", "customer-42"))
                    .post("/api/v1/sites/" + siteKey + "/identities").then().statusCode(201).extract().path("userHash");
            post(siteKey, "ACCEPT_ALL", visitor);

            Map<String, Object> withdrawal = Api.event("WITHDRAWN", visitor);
            JsonPath answered = given().contentType(ContentType.JSON).body(withdrawal)
                    .post("/api/v1/sites/" + siteKey + "/events").then().statusCode(201).extract().jsonPath();

            await(() -> receiver.at("/hook").size() == 2);
            String body = receiver.at("/hook").get(1).body();
            JsonPath data = JsonPath.from(body).setRootPath("data");
            assertThat(JsonPath.from(body).getString("type")).isEqualTo("consent.changed");
            assertThat(data.getString("siteKey")).isEqualTo(siteKey);
            assertThat(data.getString("visitorId")).isEqualTo(visitor.toString());
            assertThat(data.getString("userIdHash")).isEqualTo(userHash);
            assertThat(data.getString("eventId")).isEqualTo(withdrawal.get("eventId"));
            assertThat(data.getString("eventType")).isEqualTo("WITHDRAWN");
            assertThat(data.getMap("categoriesBefore")).containsEntry("analytics", "GRANTED");
            assertThat(data.getMap("categoriesAfter")).containsEntry("analytics", "DENIED");
            assertThat(data.getString("regime")).isEqualTo(answered.getString("jurisdiction.regime"));
            assertThat(data.getList("policyVersionIds")).hasSize(2)
                    .isEqualTo(answered.getList("receipt.event.documentVersionIds"));
            Map<String, Object> receipt = data.getMap("receipt");
            assertThat(receipt).as("data.receipt").isNotNull();
            // The very receipt the visitor got, signature included: not a second one of the same statement.
            assertThat(receipt).isEqualTo(answered.getMap("receipt"));
            given().contentType(ContentType.JSON).body(receipt).post("/api/v1/ledger/receipts/check").then()
                    .statusCode(200).body("status", anyOf(equalTo("PENDING"), equalTo("INCLUDED")));
            assertThat(Rows.text(dataSource, "select payload::text from webhook_delivery where endpoint_id = ?::uuid "
                    + "and event_id = ?::uuid", id, withdrawal.get("eventId"))).isEqualTo(body);
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

    static void post(String siteKey, String type, UUID visitor) {
        given().contentType(ContentType.JSON).body(Api.event(type, visitor)).post("/api/v1/sites/" + siteKey + "/events")
                .then().statusCode(201);
    }

    /**
     * Waits until the endpoint has {@code count} failed deliveries waiting for their retry: the
     * receiver records a request before answering it, so until then the back-off may not be
     * scheduled yet. A clock moved before that schedules the retry from the moved time, which the
     * running clock reaches only by waiting out the back-off.
     */
    private void awaitRetryScheduled(String endpointId, long count) throws InterruptedException {
        await(() -> Rows.count(dataSource, "select count(*) from webhook_delivery where endpoint_id = ?::uuid "
                + "and status = 'PENDING' and attempts >= 1 and leased_until is null", endpointId) == count);
    }

    static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 20 s in vain").isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
