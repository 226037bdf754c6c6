package org.consentledger.verify;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The webhook delivery records of an evidence package: each one a 2xx answer of an endpoint to
 * the delivery of one of the package's consent events. Checked here: it is of the package's site
 * and names an event the package holds, of the package's visitor in a visitor's package (a
 * person's has its events checked by {@link PersonPackages}). The record names no visitor: it is
 * the event's, so a record of another visitor's event cannot be passed off as this one's, even
 * with a valid proof. What it cannot show is an endpoint that was never told: absent records prove
 * nothing.
 */
final class WebhookDeliveries {

    private WebhookDeliveries() {
    }

    /** One line per delivery, in package order: which endpoint was told of which event, when, and its answer. */
    @SuppressWarnings("unchecked")
    static List<String> check(Map<String, Object> evidence, List<?> entries) {
        Map<Object, Map<String, Object>> events = new HashMap<>();
        for (Object item : entries) {
            Map<String, Object> entry = (Map<String, Object>) item;
            if (Leaves.CONSENT_EVENT.equals(entry.get("source"))) {
                Map<String, Object> record = (Map<String, Object>) entry.get("record");
                events.put(record.get("eventId"), record);
            }
        }
        List<String> told = new ArrayList<>();
        for (Object item : entries) {
            Map<String, Object> entry = (Map<String, Object>) item;
            if (!Leaves.WEBHOOK_DELIVERY.equals(entry.get("source"))) {
                continue;
            }
            Long seq = (Long) entry.get("seq");
            Map<String, Object> record = (Map<String, Object>) entry.get("record");
            if (!Objects.equals(evidence.get("siteKey"), record.get("siteKey"))) {
                throw new Verdict.Failure(seq, "a delivery of another site is in the package");
            }
            Map<String, Object> event = events.get(record.get("eventId"));
            if (record.get("eventId") == null || event == null) {
                throw new Verdict.Failure(seq, "the event it delivered is not in the package");
            }
            if (evidence.containsKey("visitorId") && !Objects.equals(evidence.get("visitorId"), event.get("visitorId"))) {
                throw new Verdict.Failure(seq, "the event it delivered is of another visitor than the package's");
            }
            told.add("event " + record.get("eventId") + ": endpoint " + record.get("endpointId") + " (URL SHA-256 "
                    + record.get("urlSha256") + ") was told at " + record.get("deliveredAt") + " and answered "
                    + record.get("statusCode") + " (webhook-id " + record.get("webhookId") + ", seq " + seq + ")");
        }
        return told;
    }
}
