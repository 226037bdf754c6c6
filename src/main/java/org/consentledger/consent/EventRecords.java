package org.consentledger.consent;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.consentledger.common.ApiException;
import org.consentledger.ledger.AcknowledgedRecords;
import org.consentledger.ledger.RecordRef;
import org.consentledger.verify.Leaves;

/**
 * Consent events as ledger records (source consent_event, record format version 1). The sequencer
 * hashes the events this process committed as it wrote them ({@link CommittedEvents}); every other
 * event is read from its row. Each one was acknowledged, with a receipt, before it became a leaf.
 */
@ApplicationScoped
public class EventRecords implements AcknowledgedRecords {

    @Inject EventStore events;
    @Inject CommittedEvents committed;
    @Inject Acknowledgements acknowledgements;

    @Override
    public String source() {
        return Leaves.CONSENT_EVENT;
    }

    @Override
    public Map<String, Map<String, Object>> records(Connection c, List<String> keys) throws SQLException {
        Map<String, Map<String, Object>> out = new HashMap<>();
        events.findByRecordKeys(c, keys).forEach((key, stored) -> out.put(key, record(stored.event())));
        return out;
    }

    @Override
    public Set<String> mayStillAppear(Connection c, List<String> missingKeys) throws SQLException {
        // A key made before V30 names an event committed before V30: none of those may still appear.
        Map<String, EventKey> keys = EventStore.eventKeys(c,
                missingKeys.stream().filter(key -> EventKey.parse(key) != null).toList());
        if (keys.isEmpty()) {
            return Set.of();
        }
        Set<EventKey> may = events.mayStillBeRead(c, List.copyOf(keys.values()));
        return keys.entrySet().stream().filter(e -> may.contains(e.getValue())).map(Map.Entry::getKey)
                .collect(Collectors.toSet());
    }

    @Override
    public Map<String, Map<String, Object>> recordsToSequence(Connection c, List<String> keys) throws SQLException {
        Map<String, Map<String, Object>> out = new HashMap<>();
        committed.take(keys).forEach((key, event) -> out.put(key, record(event)));
        List<String> rest = keys.stream().filter(key -> !out.containsKey(key)).toList();
        if (!rest.isEmpty()) {
            out.putAll(records(c, rest));
        }
        return out;
    }

    /**
     * An event's keys by its eventId on the site named by its key: under its site, or before V30
     * its eventId alone. With no site, the one site holding the eventId; an eventId held by several
     * sites needs the site (V30: an eventId is unique within its site only).
     */
    @Override
    public List<String> keysOf(Connection c, String eventId, String siteKey) throws SQLException {
        UUID id = UUID.fromString(eventId);
        List<String> sites = siteKey != null ? List.of(siteKey) : EventStore.siteKeysOf(c, id);
        if (sites.size() > 1) {
            throw ApiException.invalid("siteKey", sites.size() + " sites hold an event with this eventId; name the site");
        }
        if (sites.isEmpty()) {
            return List.of(eventId); // purged before V30, its site unknown, or never recorded
        }
        return keysOf(c, sites.get(0), id);
    }

    /** The keys of the event with this eventId on the site with this key; none for an unknown site. */
    public static List<String> keysOf(Connection c, String siteKey, UUID eventId) throws SQLException {
        String recordKey = EventKey.recordKey(siteKey, eventId);
        EventKey key = EventStore.eventKeys(c, List.of(recordKey)).get(recordKey);
        if (key == null) {
            return List.of();
        }
        return EventKey.refs(siteKey, eventId, EventStore.bareKeyed(c, List.of(key)).contains(key)).stream()
                .map(RecordRef::recordKey).toList();
    }

    @Override
    public List<String> takeAcknowledgedBefore(Instant instant) {
        return acknowledgements.takeReceivedBefore(instant);
    }

    @Override
    public Optional<Instant> oldestAcknowledgedBeyond(Connection c, long leaves) throws SQLException {
        return events.oldestReceivedBeyond(c, leaves);
    }

    /** An event's record as the ledger will hash it, also before it is stored: receipts repeat its fields. */
    public static Map<String, Object> record(NewEvent e) {
        EventRequest stated = e.stated();
        Map<String, Object> outcome = new LinkedHashMap<>();
        outcome.put("basis", e.outcome().basis().name());
        Map<String, Object> categories = new TreeMap<>();
        e.outcome().categories().forEach((key, grant) -> categories.put(key, grant.name()));
        outcome.put("categories", categories);
        outcome.put("acknowledged", strings(e.outcome().acknowledged()));
        putIfPresent(outcome, "optOut", e.outcome().optOut() == null ? null : e.outcome().optOut().name());
        Map<String, Object> jurisdiction = new LinkedHashMap<>();
        jurisdiction.put("country", e.jurisdiction().country());
        jurisdiction.put("eea", e.jurisdiction().eea());
        jurisdiction.put("source", e.jurisdiction().source().name());
        // Added with regimes: only when present, so records of older events hash as they always did.
        putIfPresent(jurisdiction, "region", e.jurisdiction().region());
        putIfPresent(jurisdiction, "regime", e.jurisdiction().regime());
        putIfPresent(jurisdiction, "rulesVersion", e.jurisdiction().rulesVersion());

        Map<String, Object> record = new LinkedHashMap<>();
        record.put("eventId", e.eventId().toString());
        record.put("siteKey", e.siteKey());
        record.put("visitorId", stated.visitorId().toString());
        record.put("type", stated.type().name());
        record.put("documentVersionIds", strings(stated.documentVersionIds()));
        record.put("categories", stated.categories() == null ? null : List.copyOf(stated.categories()));
        record.put("outcome", outcome);
        record.put("jurisdiction", jurisdiction);
        record.put("pageUrl", stated.pageUrl());
        record.put("language", stated.language());
        record.put("userAgent", e.userAgent());
        record.put("ipPrefix", e.ipPrefix());
        record.put("gpc", stated.gpc());
        record.put("clientTime", stated.clientTime() == null ? null : stated.clientTime().toInstant().toString());
        record.put("receivedAt", e.receivedAt().toString());
        if (stated.noticeId() != null) {
            record.put("noticeId", stated.noticeId());
        }
        if (stated.gppString() != null) {
            record.put("gpp", stated.gppString());
        }
        return record;
    }

    private static void putIfPresent(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    private static List<String> strings(List<UUID> ids) {
        return ids.stream().map(UUID::toString).toList();
    }
}
