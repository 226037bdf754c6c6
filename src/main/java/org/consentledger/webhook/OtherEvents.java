package org.consentledger.webhook;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.consentledger.identity.IdentityLinked;
import org.consentledger.policy.PolicyPublished;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * policy.published and identity.linked deliveries, enqueued by synchronous observers, so inside
 * the transaction that publishes or links: the outbox row commits with what it tells.
 */
@ApplicationScoped
public class OtherEvents {

    @Inject Deliveries deliveries;
    @Inject ObjectMapper json;
    @Inject Clock clock;

    void policyPublished(@Observes PolicyPublished published) {
        enqueue(published.siteId(), null, WebhookEventType.POLICY_PUBLISHED, null, published.summary());
    }

    void identityLinked(@Observes IdentityLinked linked) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("siteKey", linked.siteKey());
        data.put("visitorId", linked.visitorId());
        data.put("userIdHash", linked.userIdHash());
        data.put("linkEventId", linked.linkEventId());
        data.put("linkedAt", linked.at().toString());
        enqueue(linked.siteId(), null, WebhookEventType.IDENTITY_LINKED, linked.visitorId(), data);
    }

    /** A webhook.test to this endpoint alone, whatever it subscribes to. */
    void test(UUID siteId, String siteKey, UUID endpointId) {
        enqueue(siteId, endpointId, WebhookEventType.WEBHOOK_TEST, null, Map.of("siteKey", siteKey, "webhookId", endpointId));
    }

    private void enqueue(UUID siteId, UUID onlyEndpoint, WebhookEventType type, UUID orderingKey, Map<String, Object> data) {
        Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type.wireName());
        body.put("timestamp", now.toString());
        body.put("data", data);
        try {
            deliveries.enqueue(siteId, onlyEndpoint, type, orderingKey, json.writeValueAsString(body), now);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not write a webhook body", e);
        }
    }
}
