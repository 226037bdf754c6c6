package org.consentledger.webhook;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.consentledger.consent.EventStore;
import org.consentledger.consent.ReceiptIssuer;
import org.consentledger.consent.StoredEvent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Puts the event's receipt into a consent.changed body before its first attempt. The receipt the
 * banner got is signed after the commit, once for the whole group commit, so the outbox row written
 * in that very commit cannot hold it. This one is the same statement (the event exactly as
 * recorded, and the time by which a signed checkpoint will hold it), signed in a batch with the
 * other events of the same claim, as a group commit's receipts are; it is written into the row, so every attempt and replay sends the
 * same bytes. An event purged under retention before its first attempt goes without one.
 */
@ApplicationScoped
class ChangeReceipts {

    private final DataSource dataSource;
    private final EventStore events;
    private final ReceiptIssuer receipts;
    private final Deliveries deliveries;
    private final ObjectMapper json;

    ChangeReceipts(DataSource dataSource, EventStore events, ReceiptIssuer receipts, Deliveries deliveries,
            ObjectMapper json) {
        this.dataSource = dataSource;
        this.events = events;
        this.receipts = receipts;
        this.deliveries = deliveries;
        this.json = json;
    }

    /** The claimed deliveries, each consent.changed one with its event's receipt: one read and one write for all. */
    List<Delivery> addTo(List<Delivery> claimed) {
        List<Delivery> lacking = claimed.stream().filter(this::lacksReceipt).toList();
        if (lacking.isEmpty()) {
            return claimed;
        }
        Set<UUID> eventIds = new LinkedHashSet<>();
        lacking.forEach(d -> eventIds.add(d.eventId()));
        Map<Long, String> payloads;
        try (Connection c = dataSource.getConnection()) {
            Map<UUID, StoredEvent> found = events.findAll(c, List.copyOf(eventIds));
            Map<UUID, String> signed = signAll(found);
            Map<Long, String> receiptOf = new HashMap<>();
            for (Delivery delivery : lacking) {
                String receipt = signed.get(delivery.eventId());
                if (receipt != null) {
                    receiptOf.put(delivery.id(), receipt);
                }
            }
            payloads = deliveries.addReceipts(c, receiptOf);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not add receipts to webhook deliveries", e);
        }
        return claimed.stream().map(d -> payloads.containsKey(d.id()) ? d.withPayload(payloads.get(d.id())) : d).toList();
    }

    private boolean lacksReceipt(Delivery delivery) {
        if (delivery.eventId() == null || !WebhookEventType.CONSENT_CHANGED.wireName().equals(delivery.eventType())) {
            return false;
        }
        try {
            return !json.readTree(delivery.payload()).path("data").has("receipt");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A webhook body in the outbox is not JSON", e);
        }
    }

    /** One signature for all of them, as a group commit's receipts have. */
    private Map<UUID, String> signAll(Map<UUID, StoredEvent> found) {
        List<UUID> ids = List.copyOf(found.keySet());
        List<Map<String, Object>> signed = receipts.sign(ids.stream().map(id -> receipts.statementOf(found.get(id).event())).toList());
        Map<UUID, String> receiptOf = new HashMap<>();
        try {
            for (int i = 0; i < ids.size(); i++) {
                receiptOf.put(ids.get(i), json.writeValueAsString(signed.get(i)));
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not write a receipt", e);
        }
        return receiptOf;
    }
}
