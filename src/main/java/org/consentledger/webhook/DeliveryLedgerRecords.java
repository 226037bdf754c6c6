package org.consentledger.webhook;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.consentledger.ledger.RecordSource;
import org.consentledger.verify.Leaves;

/**
 * 2xx answers to deliveries as ledger records (source webhook_delivery, record format version 1):
 * {@code {id, siteKey, endpointId, urlSha256, eventType, eventId, webhookId, statusCode, deliveredAt}}.
 * The endpoint appears only as its id and the hash of its URL, the visitor only through the event.
 */
@ApplicationScoped
class DeliveryLedgerRecords implements RecordSource {

    @Inject DeliveryRecords deliveries;

    @Override
    public String source() {
        return Leaves.WEBHOOK_DELIVERY;
    }

    @Override
    public Map<String, Map<String, Object>> records(Connection c, List<String> keys) throws SQLException {
        return RecordSource.byKey(deliveries.byIds(c, keys.stream().map(Long::valueOf).toList()),
                DeliveryRecord::id, DeliveryLedgerRecords::record);
    }

    private static Map<String, Object> record(DeliveryRecord d) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("id", d.id());
        record.put("siteKey", d.siteKey());
        record.put("endpointId", d.endpointId().toString());
        record.put("urlSha256", d.urlSha256());
        record.put("eventType", d.eventType());
        record.put("eventId", d.eventId() == null ? null : d.eventId().toString());
        record.put("webhookId", d.webhookId());
        record.put("statusCode", (long) d.statusCode());
        record.put("deliveredAt", d.deliveredAt().toString());
        return record;
    }
}
