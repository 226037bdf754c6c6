package org.consentledger.webhook;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.consentledger.common.Hashing;
import org.consentledger.support.Api;
import org.consentledger.support.Ledger;
import org.consentledger.support.OfflineVerifier;
import org.consentledger.support.Rows;
import org.consentledger.support.Tokens;
import org.consentledger.verify.CanonicalJson;
import org.consentledger.verify.Json;
import org.consentledger.verify.Leaves;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.filter.log.LogDetail;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * Proof of propagation: every 2xx answer to a delivery is an append-only ledger record, written
 * with the outbox row's DELIVERED, that the visitor's (and the person's) evidence package and
 * history show for the event it told, and that the offline verifier checks.
 */
@Tag("database")
@QuarkusTest
class DeliveryProofTest {

    /** A visitor who accepted, then withdrew, on a site with one endpoint told of both. */
    private record Withdrawal(String siteKey, String endpointId, String url, UUID visitor, UUID accepted, UUID withdrawn,
            String webhookId) {
    }

    @Inject
    DataSource dataSource;

    @Inject
    Deliveries deliveries;

    @Inject
    DeliveryClaims claims;

    @Inject
    WebhookEndpoints endpoints;

    @Test
    void aWithdrawalsEvidencePackageNamesTheEndpointToldAndVerifiesOffline() throws Exception {
        try (Receiver receiver = new Receiver(n -> 204)) {
            Withdrawal w = withdrawal(receiver, null);

            Map<String, Object> evidence = awaitEvidence("/visitors/" + w.visitor(), w, 2);

            Map<String, Object> told = deliveryOf(evidence, w.withdrawn());
            assertThat(told).containsEntry("siteKey", w.siteKey()).containsEntry("endpointId", w.endpointId())
                    .containsEntry("urlSha256", sha256Hex(w.url())).containsEntry("eventType", "consent.changed")
                    .doesNotContainKey("visitorId").containsEntry("webhookId", w.webhookId())
                    .containsEntry("statusCode", 204L);
            assertThat(Rows.count(dataSource, "select count(*) from webhook_delivery where 'msg_' || message_id = ? "
                    + "and status = 'DELIVERED' and delivered_at = ?::timestamptz", w.webhookId(), told.get("deliveredAt")))
                    .as("the record's time is the outbox row's").isEqualTo(1);
            assertThat(evidence).containsEntry("pendingDeliveryIds", List.of());

            OfflineVerifier.Run run = verify(evidence);
            assertThat(run.exit()).as(run.output()).isZero();
            assertThat(run.output()).contains("event " + w.withdrawn() + ": endpoint " + w.endpointId() + " (URL SHA-256 "
                    + sha256Hex(w.url()) + ") was told at " + told.get("deliveredAt") + " and answered 204 (webhook-id "
                    + w.webhookId());

            String canonical = CanonicalJson.string(evidence);
            for (String[] edit : new String[][] { { "\"statusCode\":204", "\"statusCode\":200" },
                    { (String) told.get("deliveredAt"), Instant.parse((String) told.get("deliveredAt")).minusSeconds(60).toString() } }) {
                OfflineVerifier.Run altered = verify(Json.parseObject(canonical.replace(edit[0], edit[1])));
                assertThat(altered.exit()).as(altered.output()).isEqualTo(1);
                assertThat(altered.output()).contains("it was altered");
            }
        }
    }

    @Test
    void theDatabaseRefusesToAlterOrDeleteADeliveryRecord() throws Exception {
        try (Receiver receiver = new Receiver(n -> 200)) {
            Withdrawal w = withdrawal(receiver, null);
            Ledger.await("the withdrawal's delivery is recorded", () -> Rows.count(dataSource,
                    "select count(*) from webhook_delivery_record where 'msg_' || message_id = ?", w.webhookId()) == 1);

            for (String statement : List.of("update webhook_delivery_record set status_code = 299, delivered_at = now() "
                    + "where 'msg_' || message_id = ?", "delete from webhook_delivery_record where 'msg_' || message_id = ?")) {
                assertThatThrownBy(() -> Rows.execute(dataSource, statement, w.webhookId())).as(statement)
                        .hasMessageContaining("append-only");
            }
            assertThat(Rows.count(dataSource, "select count(*) from webhook_delivery_record where 'msg_' || message_id = ? "
                    + "and status_code = 200", w.webhookId())).isEqualTo(1);
        }
    }

    @Test
    void theRecordCommitsWithTheOutboxRowsDeliveredOrNeither() {
        String siteKey = Api.createSite();
        UUID endpointId = UUID.fromString(WebhookResourceTest.create(siteKey, "https://receiver.example/hook",
                List.of("consent.changed")).path("id"));
        UUID messageId = UUID.randomUUID();
        Rows.execute(dataSource, "insert into webhook_delivery (message_id, endpoint_id, event_type, payload, "
                + "next_attempt_at, created_at) values (?, ?, 'webhook.test', '{}', now() + interval '1 day', now())",
                messageId, endpointId); // due tomorrow: the worker leaves it to this test
        Delivery delivery = deliveries.page(endpointId, null, 0, 10).get(0);
        Endpoint endpoint = endpoints.find(endpointId).orElseThrow();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);

        assertThatThrownBy(() -> claims.delivered(List.of(new DeliveryClaims.Answered(delivery, endpoint, 302, now)))).as("a record of a 3xx is refused");
        assertThat(Rows.text(dataSource, "select status || ' ' || attempts from webhook_delivery where message_id = ?",
                messageId)).isEqualTo("PENDING 0");
        assertThat(Rows.count(dataSource, "select count(*) from webhook_delivery_record where message_id = ?", messageId))
                .isZero();

        claims.delivered(List.of(new DeliveryClaims.Answered(delivery, endpoint, 202, now)));
        assertThat(Rows.text(dataSource, "select status || ' ' || attempts from webhook_delivery where message_id = ?",
                messageId)).isEqualTo("DELIVERED 1");
        assertThat(Rows.count(dataSource, "select count(*) from webhook_delivery_record where message_id = ? "
                + "and status_code = 202 and endpoint_id = ? and event_id is null", messageId, endpointId))
                .isEqualTo(1);
    }

    @Test
    void aVisitorsHistoryShowsTheEndpointsToldOfEachEvent() throws Exception {
        try (Receiver receiver = new Receiver(n -> 200)) {
            Withdrawal w = withdrawal(receiver, null);
            awaitEvidence("/visitors/" + w.visitor(), w, 2);

            JsonPath history = Api.asAuditor().get("/api/v1/audit/sites/" + w.siteKey() + "/visitors/" + w.visitor() + "/history")
                    .then().log().ifValidationFails(LogDetail.ALL).statusCode(200).extract().jsonPath();

            assertThat(history.getList("events.eventId")).containsExactly(w.accepted().toString(), w.withdrawn().toString());
            assertThat(history.getList("events[1].deliveries.webhookId")).containsExactly(w.webhookId());
            assertThat(history.getString("events[1].deliveries[0].endpointId")).isEqualTo(w.endpointId());
            assertThat(history.getString("events[1].deliveries[0].urlSha256")).isEqualTo(sha256Hex(w.url()));
            assertThat(history.getInt("events[1].deliveries[0].statusCode")).isEqualTo(200);
            assertThat(history.getString("events[1].deliveries[0].deliveredAt")).isNotNull();
            assertThat(history.getLong("events[1].deliveries[0].ledgerSeq")).isPositive();
            assertThat(history.getList("events[0].deliveries")).hasSize(1);
        }
    }

    @Test
    void aPersonsEvidencePackageHoldsTheDeliveriesOfTheirEventsAndVerifies() throws Exception {
        try (Receiver receiver = new Receiver(n -> 200)) {
            String userId = "person-" + UUID.randomUUID();
            Withdrawal w = withdrawal(receiver, userId);

            Map<String, Object> evidence = awaitEvidence("/users/" + userId, w, 2);

            assertThat(deliveryOf(evidence, w.withdrawn())).containsEntry("webhookId", w.webhookId());
            OfflineVerifier.Run run = verify(evidence);
            assertThat(run.exit()).as(run.output()).isZero();
            assertThat(run.output()).contains("event " + w.withdrawn() + ": endpoint " + w.endpointId());
            JsonPath history = Api.asAuditor().get("/api/v1/audit/sites/" + w.siteKey() + "/users/" + userId + "/history")
                    .then().statusCode(200).extract().jsonPath();
            assertThat(history.getList("events.deliveries.webhookId").toString()).contains(w.webhookId());
        }
    }

    /** Consent, then its withdrawal, each told to the receiver's endpoint; with a userId, the visitor id is linked to it first. */
    private Withdrawal withdrawal(Receiver receiver, String userId) throws InterruptedException {
        String siteKey = Api.siteWithPolicies();
        JsonPath created = WebhookResourceTest.create(siteKey, receiver.url("/hook"), List.of("consent.changed"))
                .then().statusCode(201).extract().jsonPath();
        UUID visitor = UUID.randomUUID();
        if (userId != null) {
            given().auth().oauth2(Tokens.withGroups("service:" + siteKey)).contentType(ContentType.JSON)
                    .body(Map.of("visitorId", visitor.toString(), "userId", userId))
                    .post("/api/v1/sites/" + siteKey + "/identities").then().statusCode(201);
        }
        UUID accepted = post(siteKey, "ACCEPT_ALL", visitor);
        UUID withdrawn = post(siteKey, "WITHDRAWN", visitor);
        Ledger.await("both deliveries arrive", () -> receiver.at("/hook").size() == 2);
        Receiver.Received last = receiver.at("/hook").get(1);
        assertThat(JsonPath.from(last.body()).getString("data.eventId")).isEqualTo(withdrawn.toString());
        return new Withdrawal(siteKey, created.getString("id"), created.getString("url"), visitor, accepted, withdrawn,
                last.header("webhook-id"));
    }

    /** The package once a checkpoint holds {@code deliveries} delivery records of the story's events. */
    private static Map<String, Object> awaitEvidence(String subject, Withdrawal w, int deliveries) {
        String path = "/api/v1/audit/sites/" + w.siteKey() + subject + "/evidence";
        AtomicReference<Map<String, Object>> found = new AtomicReference<>();
        Ledger.await("the package holds " + deliveries + " deliveries", () -> {
            var response = Api.asAuditor().get(path);
            if (response.statusCode() != 200) {
                return false;
            }
            found.set(Json.parseObject(response.asString()));
            return entries(found.get()).stream().filter(e -> Leaves.WEBHOOK_DELIVERY.equals(e.get("source"))).count() == deliveries;
        });
        return found.get();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> deliveryOf(Map<String, Object> evidence, UUID eventId) {
        return entries(evidence).stream().filter(e -> Leaves.WEBHOOK_DELIVERY.equals(e.get("source")))
                .map(e -> (Map<String, Object>) e.get("record")).filter(r -> eventId.toString().equals(r.get("eventId")))
                .findFirst().orElseThrow(() -> new AssertionError("no delivery of " + eventId + " in " + evidence));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> entries(Map<String, Object> evidence) {
        return (List<Map<String, Object>>) evidence.get("entries");
    }

    private static UUID post(String siteKey, String type, UUID visitor) {
        Map<String, Object> event = Api.event(type, visitor);
        given().contentType(ContentType.JSON).body(event).post("/api/v1/sites/" + siteKey + "/events").then().statusCode(201);
        return UUID.fromString((String) event.get("eventId"));
    }

    private static String sha256Hex(String url) {
        return HexFormat.of().formatHex(Hashing.sha256().digest(url.getBytes(StandardCharsets.UTF_8)));
    }

    private static OfflineVerifier.Run verify(Map<String, Object> evidence) {
        return OfflineVerifier.run(Clock.systemUTC(), "--key", Ledger.verifierKey(), "--evidence",
                OfflineVerifier.file("evidence", ".json", CanonicalJson.string(evidence)).toString());
    }
}
