package org.consentledger.webhook;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import javax.sql.DataSource;

import org.consentledger.support.RawHttp;
import org.consentledger.support.Rows;
import org.consentledger.support.Tokens;

import io.restassured.path.json.JsonPath;

/**
 * The webhook side of a packaged service under test (support.PackagedApp): its settings, an
 * endpoint made through the admin API, consent changes posted as a banner posts them, and the
 * outbox rows they left.
 */
final class PackagedWebhooks {

    /** Receivers are http on loopback. */
    static final String ALLOW_PRIVATE = "consent.webhooks.allow-private=true";
    static final String QUICK_POLL = "consent.webhooks.poll-interval=200ms";
    static final String NO_DELIVERY = "consent.webhooks.deliver=false";

    /** An endpoint as made: its id, and its secret (shown once, at creation). */
    record Endpoint(String id, String secret) {
    }

    private PackagedWebhooks() {
    }

    /** An endpoint for consent.changed, made by an admin (support.ScratchDatabase.createSite has set up the tokens). */
    static Endpoint createEndpoint(int port, String siteKey, String url) throws IOException {
        RawHttp.Answer created = RawHttp.send(port, "POST", "/api/v1/admin/sites/" + siteKey + "/webhooks",
                "{\"url\":\"" + url + "\",\"events\":[\"consent.changed\"]}", "Authorization: Bearer " + Tokens.admin());
        if (created.status() != 201) {
            throw new IllegalStateException("Could not create an endpoint: " + created);
        }
        JsonPath body = JsonPath.from(created.body());
        return new Endpoint(body.getString("id"), body.getString("secret"));
    }

    /** The first choice of {@code count} new visitors, one after the other, each acknowledged 201: their eventIds. */
    static List<String> postChanges(int port, String siteKey, int count) throws IOException {
        List<String> eventIds = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String eventId = UUID.randomUUID().toString();
            RawHttp.Answer answer = RawHttp.send(port, "POST", "/api/v1/sites/" + siteKey + "/events", "{\"eventId\":\""
                    + eventId + "\",\"visitorId\":\"" + UUID.randomUUID() + "\",\"type\":\"ACCEPT_ALL\"}");
            if (answer.status() != 201) {
                throw new IllegalStateException("An event was not acknowledged: " + answer);
            }
            eventIds.add(eventId);
        }
        return eventIds;
    }

    /** The endpoint's outbox: each row's webhook-id, by the eventId it tells. */
    static Map<String, String> webhookIdsByEvent(DataSource db, String endpointId) {
        String rows = Rows.text(db, "select string_agg(event_id || ' msg_' || message_id, ',') from webhook_delivery "
                + "where endpoint_id = ?::uuid", UUID.fromString(endpointId));
        Map<String, String> byEvent = new HashMap<>();
        for (String row : rows == null ? new String[0] : rows.split(",")) {
            byEvent.put(row.split(" ")[0], row.split(" ")[1]);
        }
        return byEvent;
    }

    /** The changes the endpoint's feed owes: each one's webhook-id, by the eventId it tells. */
    static Map<String, String> webhookIdsOwed(DataSource db, String endpointId) {
        String rows = Rows.text(db, "select string_agg(c.event_id || ' ' || c.id, ',') from webhook_change c "
                + "join webhook_endpoint w on w.site_id = c.site_id and (c.xid, c.id) > (w.feed_xid, w.feed_id) "
                + "where w.id = ?::uuid", UUID.fromString(endpointId));
        Map<String, String> byEvent = new HashMap<>();
        for (String row : rows == null ? new String[0] : rows.split(",")) {
            UUID messageId = ChangeFeeds.messageId(UUID.fromString(endpointId), Long.parseLong(row.split(" ")[1]));
            byEvent.put(row.split(" ")[0], "msg_" + messageId);
        }
        return byEvent;
    }

    static long rows(DataSource db, String endpointId, String status) {
        return Rows.count(db, "select count(*) from webhook_delivery where endpoint_id = ?::uuid and status = ?",
                UUID.fromString(endpointId), status);
    }

    static String eventIdOf(Receiver.Received request) {
        return JsonPath.from(request.body()).getString("data.eventId");
    }

    /** Whether the request carries the Standard Webhooks signature of its id, timestamp and body under the secret. */
    static boolean signedBy(String secret, Receiver.Received request) {
        String id = request.header("webhook-id");
        long timestamp = Long.parseLong(request.header("webhook-timestamp"));
        return List.of(request.header("webhook-signature").split(" "))
                .contains("v1," + WebhookSignature.sign(secret, id, timestamp, request.body()));
    }

    /** Waits until the condition holds; fails, naming {@code what}, after {@code limit}. */
    static void await(String what, Duration limit, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Waited " + limit.toSeconds() + " s in vain for " + what);
            }
            Thread.sleep(50);
        }
    }
}
