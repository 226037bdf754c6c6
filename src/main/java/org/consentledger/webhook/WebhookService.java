package org.consentledger.webhook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.consentledger.adminlog.AdminLog;
import org.consentledger.common.ApiException;
import org.consentledger.common.Cursors;
import org.consentledger.common.KeysetPage;
import org.consentledger.site.Site;
import org.consentledger.site.SiteRepository;

/** A site's webhook endpoints: each change written with its admin-log entry in one transaction. */
@ApplicationScoped
public class WebhookService {

    /** How long a rotated-out secret still signs, so receivers can switch without losing a delivery. */
    static final Duration ROTATION_OVERLAP = Duration.ofHours(24);
    static final int MAX_PAGE = 100;
    static final int MAX_REPLAY = 1000;

    @Inject SiteRepository sites;
    @Inject WebhookEndpoints endpoints;
    @Inject Deliveries deliveries;
    @Inject OtherEvents events;
    @Inject WebhookUrls urls;
    @Inject WebhooksConfig config;
    @Inject AdminLog adminLog;
    @Inject Clock clock;

    @Transactional
    public WebhookResponse create(String siteKey, WebhookRequest request, String actor) {
        Site site = sites.require(siteKey);
        String url = urls.requireAllowed(request.url().trim()).toString();
        List<String> types = request.events().stream().distinct().toList();
        for (String type : types) {
            if (WebhookEventType.of(type).isEmpty()) {
                throw ApiException.invalid("events", "must each be one of consent.changed, policy.published, "
                        + "identity.linked, webhook.test");
            }
        }
        if (endpoints.lockAndCount(site.id) >= config.maxEndpointsPerSite()) {
            throw ApiException.beyondLimit("url", "A site may have at most " + config.maxEndpointsPerSite()
                    + " webhook endpoints", "the site has " + config.maxEndpointsPerSite() + " endpoints; delete one first");
        }
        Endpoint endpoint = new Endpoint(UUID.randomUUID(), site.id, url, types, request.description(),
                WebhookSecrets.generate(), null, null, now(), null, null, null);
        endpoints.insert(endpoint);
        adminLog.record(actor, "WEBHOOK_CREATED", "WEBHOOK", endpoint.id().toString(), null, logged(siteKey, endpoint));
        return WebhookResponse.of(endpoint, EndpointHealth.NONE).withSecret(endpoint.secret());
    }

    public List<WebhookResponse> list(String siteKey) {
        List<Endpoint> found = endpoints.ofSite(sites.require(siteKey).id);
        Map<UUID, EndpointHealth> health = deliveries.health(found.stream().map(Endpoint::id).toList());
        return found.stream().map(e -> WebhookResponse.of(e, health.getOrDefault(e.id(), EndpointHealth.NONE))).toList();
    }

    public WebhookResponse get(String siteKey, UUID id) {
        return withHealth(require(siteKey, id));
    }

    @Transactional
    public void delete(String siteKey, UUID id, String actor) {
        Endpoint endpoint = require(siteKey, id);
        endpoints.delete(endpoint.siteId(), id);
        adminLog.record(actor, "WEBHOOK_DELETED", "WEBHOOK", id.toString(), logged(siteKey, endpoint), null);
    }

    @Transactional
    public WebhookResponse rotateSecret(String siteKey, UUID id, String actor) {
        Endpoint endpoint = require(siteKey, id);
        String secret = WebhookSecrets.generate();
        Instant until = now().plus(ROTATION_OVERLAP);
        endpoints.rotate(id, secret, endpoint.secret(), until);
        adminLog.record(actor, "WEBHOOK_SECRET_ROTATED", "WEBHOOK", id.toString(), null,
                Map.of("siteKey", siteKey, "previousSecretSignsUntil", until.toString()));
        return withHealth(endpoint).withSecret(secret);
    }

    /**
     * A disabled endpoint delivers again: its pending deliveries are due now, and it is no longer
     * failing. An enabled one is left as it is, and nothing is logged.
     */
    @Transactional
    public WebhookResponse enable(String siteKey, UUID id, String actor) {
        require(siteKey, id);
        endpoints.enable(id).ifPresent(disabled -> {
            int resumed = deliveries.resume(id, now());
            Map<String, Object> before = new LinkedHashMap<>();
            before.put("siteKey", siteKey);
            before.put("disabledAt", disabled.at().toString());
            before.put("disabledReason", disabled.reason());
            adminLog.record(actor, "WEBHOOK_ENABLED", "WEBHOOK", id.toString(), before,
                    Map.of("siteKey", siteKey, "deliveriesDueNow", resumed));
        });
        return withHealth(require(siteKey, id));
    }

    public KeysetPage<DeliveryResponse> deliveries(String siteKey, UUID id, String status, String cursor, int limit) {
        Endpoint endpoint = require(siteKey, id);
        if (status != null && !List.of(Delivery.PENDING, Delivery.DELIVERED, Delivery.FAILED).contains(status)) {
            throw ApiException.invalid("status", "must be PENDING, DELIVERED or FAILED");
        }
        List<Delivery> rows = deliveries.page(endpoint.id(), status, Cursors.decode(cursor), limit);
        return KeysetPage.of(rows, limit, Delivery::id).map(DeliveryResponse::of);
    }

    @Transactional
    public DeliveryResponse retry(String siteKey, UUID id, long deliveryId, String actor) {
        require(siteKey, id);
        Delivery retried = deliveries.retry(id, deliveryId, now())
                .orElseThrow(() -> ApiException.notFound("This webhook has no such delivery"));
        adminLog.record(actor, "WEBHOOK_DELIVERY_RETRIED", "WEBHOOK", id.toString(), null,
                Map.of("siteKey", siteKey, "deliveryId", deliveryId));
        return DeliveryResponse.of(retried);
    }

    @Transactional
    public ReplayResponse replay(String siteKey, UUID id, Instant from, String actor) {
        require(siteKey, id);
        if (from.isAfter(now())) {
            throw ApiException.invalid("from", "must not be in the future");
        }
        Deliveries.Replayed replayed = deliveries.replay(id, from, MAX_REPLAY, now());
        adminLog.record(actor, "WEBHOOK_REPLAYED", "WEBHOOK", id.toString(), null,
                Map.of("siteKey", siteKey, "from", from.toString(), "replayed", replayed.replayed()));
        return new ReplayResponse(replayed.replayed(), replayed.nextFrom());
    }

    @Transactional
    public void test(String siteKey, UUID id, String actor) {
        Endpoint endpoint = require(siteKey, id);
        events.test(endpoint.siteId(), siteKey, id);
        adminLog.record(actor, "WEBHOOK_TESTED", "WEBHOOK", id.toString(), null, Map.of("siteKey", siteKey));
    }

    private Endpoint require(String siteKey, UUID id) {
        Site site = sites.require(siteKey);
        return endpoints.find(site.id, id).orElseThrow(() -> ApiException.notFound("This site has no such webhook"));
    }

    private WebhookResponse withHealth(Endpoint endpoint) {
        return WebhookResponse.of(endpoint, deliveries.health(List.of(endpoint.id()))
                .getOrDefault(endpoint.id(), EndpointHealth.NONE));
    }

    private Instant now() {
        return Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
    }

    /** The admin log keeps the endpoint without its secret. */
    private static Map<String, Object> logged(String siteKey, Endpoint w) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("siteKey", siteKey);
        entry.put("id", w.id().toString());
        entry.put("url", w.url());
        entry.put("events", w.events());
        if (w.description() != null) {
            entry.put("description", w.description());
        }
        return entry;
    }
}
