package org.consentledger.webhook;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.consentledger.common.NewestEntries;
import org.consentledger.consent.EventStore;
import org.consentledger.consent.EventKey;
import org.consentledger.consent.IssuedReceipts;
import org.consentledger.consent.ReceiptIssuer;
import org.consentledger.consent.StoredEvent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The receipts that go into consent.changed bodies, added when a delivery is first claimed. The
 * receipt the banner got is signed after the commit, once for the whole group commit, so the
 * outbox row written in that very commit cannot hold it. When this process signed it, that very
 * receipt is taken ({@link IssuedReceipts}); otherwise the same statement (the event exactly as
 * recorded, and the time by which a signed checkpoint will hold it) is signed in a batch with the
 * other events of the same claim, as a group commit's receipts are. It is stored with the delivery,
 * so every attempt and replay sends the same bytes. An event purged under retention before its
 * first attempt goes without one.
 * <p>
 * Each endpoint's feed reads the same events' receipts within moments of the others, so the JSON
 * written for one is kept for the next: written once per endpoint, it was about a sixth of the
 * feeds' Java samples in a JFR recording of bench/webhooks.sh.
 */
@ApplicationScoped
class ChangeReceipts {

    /** Receipts written lately: about two batches for each of sixteen endpoints. */
    static final int WRITTEN_CAPACITY = 8_192;

    @Inject EventStore events;
    @Inject ReceiptIssuer receipts;
    @Inject IssuedReceipts issued;
    @Inject ObjectMapper json;

    private final NewestEntries<EventKey, String> written = new NewestEntries<>(WRITTEN_CAPACITY);

    /** The receipts of these events, as JSON, by key, under one signature; events no longer stored are absent. */
    Map<EventKey, String> of(Connection c, Set<EventKey> keys) throws SQLException {
        if (keys.isEmpty()) {
            return Map.of();
        }
        Map<EventKey, String> receiptOf = written.found(keys);
        List<EventKey> toWrite = keys.stream().filter(key -> !receiptOf.containsKey(key)).toList();
        Map<EventKey, Map<String, Object>> signed = new HashMap<>(issued.of(toWrite));
        List<EventKey> notHeld = toWrite.stream().filter(id -> !signed.containsKey(id)).toList();
        if (!notHeld.isEmpty()) {
            Map<EventKey, StoredEvent> found = events.findAll(c, notHeld);
            List<EventKey> ids = List.copyOf(found.keySet());
            List<Map<String, Object>> signedNow = receipts.sign(
                    ids.stream().map(id -> receipts.statementOf(found.get(id).event())).toList());
            for (int i = 0; i < ids.size(); i++) {
                signed.put(ids.get(i), signedNow.get(i));
            }
        }
        Map<EventKey, String> fresh = new HashMap<>();
        try {
            for (Map.Entry<EventKey, Map<String, Object>> receipt : signed.entrySet()) {
                fresh.put(receipt.getKey(), json.writeValueAsString(receipt.getValue()));
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not write a receipt", e);
        }
        written.putAll(fresh);
        receiptOf.putAll(fresh);
        return receiptOf;
    }
}
