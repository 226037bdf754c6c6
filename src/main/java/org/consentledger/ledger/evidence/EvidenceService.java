package org.consentledger.ledger.evidence;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.consentledger.consent.EventKey;
import org.consentledger.consent.EventRecords;
import org.consentledger.consent.EventStore;
import org.consentledger.consent.StoredEvent;
import org.consentledger.ledger.LedgerCheckpoints;
import org.consentledger.ledger.LedgerConfig;
import org.consentledger.ledger.LedgerKeys;
import org.consentledger.ledger.LedgerReads;
import org.consentledger.ledger.LedgerRecords;
import org.consentledger.ledger.StoredCheckpoint;
import org.consentledger.verify.CanonicalJson;
import org.consentledger.verify.Leaves;
import org.consentledger.webhook.DeliveryRecords;

/**
 * Evidence packages, a visitor's or a person's ({@link EvidenceEntries} says what they hold),
 * each entry with its inclusion proof to the latest signed checkpoint; {@code pendingDeliveryIds}
 * lists the webhook delivery records of their events that no checkpoint holds yet. Written as
 * canonical JSON, so records reach the auditor exactly as they were hashed, null fields included.
 */
@ApplicationScoped
public class EvidenceService {

    private final DataSource dataSource;
    private final LedgerKeys keys;
    private final LedgerRecords records;
    private final EventStore events;
    private final DeliveryRecords deliveries;
    private final LedgerConfig config;

    EvidenceService(DataSource dataSource, LedgerKeys keys, LedgerRecords records, EventStore events,
            DeliveryRecords deliveries, LedgerConfig config) {
        this.events = events;
        this.deliveries = deliveries;
        this.config = config;
        this.dataSource = dataSource;
        this.keys = keys;
        this.records = records;
    }

    public String packageFor(String siteKey, UUID siteId, UUID visitorId) {
        return LedgerReads.read(dataSource, c -> {
            StoredCheckpoint checkpoint = LedgerCheckpoints.published(c, config.witnessQuorum());
            List<UUID> eventIds = events.eventIdsOf(c, siteId, List.of(visitorId));
            EvidenceEntries entries = EvidenceEntries.ofVisitor(c, records, checkpoint.treeSize(), siteKey,
                    siteEvents(c, siteKey, siteId, eventIds), deliveriesOf(c, siteId, eventIds));
            Map<String, Object> evidence = evidence(siteKey, checkpoint, entries);
            evidence.put("visitorId", visitorId.toString());
            return CanonicalJson.string(evidence);
        });
    }

    /**
     * A person's package (GDPR Art. 15), by the hash of their account id: their link and unlink
     * events (those ids, in order) and the events of every visitor id the links name, with
     * {@code visitorIds} listing those and {@code pendingIdentityEventIds} the identity events no
     * checkpoint holds yet.
     */
    public String packageForUser(String siteKey, UUID siteId, String userHash, List<String> identityEventIds) {
        return LedgerReads.read(dataSource, c -> {
            StoredCheckpoint checkpoint = LedgerCheckpoints.published(c, config.witnessQuorum());
            Map<String, Map<String, Object>> identity = ordered(identityEventIds,
                    records.load(c, Leaves.IDENTITY_EVENT, identityEventIds));
            List<UUID> visitors = identity.values().stream().map(record -> (String) record.get("visitorId"))
                    .distinct().map(UUID::fromString).toList();
            List<UUID> eventIds = visitors.isEmpty() ? List.of() : events.eventIdsOf(c, siteId, visitors);
            EvidenceEntries entries = EvidenceEntries.ofUser(c, records, checkpoint.treeSize(), siteKey, identity,
                    siteEvents(c, siteKey, siteId, eventIds), deliveriesOf(c, siteId, eventIds));
            Map<String, Object> evidence = evidence(siteKey, checkpoint, entries);
            evidence.put("userHash", userHash);
            evidence.put("visitorIds", visitors.stream().map(UUID::toString).toList());
            evidence.put("pendingIdentityEventIds", entries.pendingIdentityEventIds);
            return CanonicalJson.string(evidence);
        });
    }

    /** The ledger records of the webhook deliveries of these events, oldest first. */
    private Map<String, Map<String, Object>> deliveriesOf(Connection c, UUID siteId, List<UUID> eventIds)
            throws SQLException {
        if (eventIds.isEmpty()) {
            return Map.of();
        }
        List<String> ids = deliveries.ofEvents(c, siteId, eventIds).stream().map(d -> String.valueOf(d.id())).toList();
        return ordered(ids, records.load(c, Leaves.WEBHOOK_DELIVERY, ids));
    }

    /**
     * The site's events as ledger records, in the order of {@code eventIds}, read by key (the site is
     * known, so no record key is resolved), and which of them may have a leaf keyed before V30.
     */
    private EvidenceEntries.SiteEvents siteEvents(Connection c, String siteKey, UUID siteId, List<UUID> eventIds)
            throws SQLException {
        List<EventKey> keys = eventIds.stream().map(id -> new EventKey(siteId, id)).toList();
        Map<EventKey, StoredEvent> found = keys.isEmpty() ? Map.of() : events.findAll(c, keys);
        Map<String, Map<String, Object>> records = new LinkedHashMap<>();
        keys.stream().filter(found::containsKey)
                .forEach(key -> records.put(EventKey.recordKey(siteKey, key.eventId()), EventRecords.record(found.get(key).event())));
        Set<String> bare = EventStore.bareKeyed(c, keys).stream().map(key -> EventKey.recordKey(siteKey, key.eventId()))
                .collect(Collectors.toSet());
        return new EvidenceEntries.SiteEvents(records, bare);
    }

    /** The records in the order of their keys; a key without a record is left out. */
    private static Map<String, Map<String, Object>> ordered(List<String> keys, Map<String, Map<String, Object>> found) {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        keys.stream().filter(found::containsKey).forEach(key -> out.put(key, found.get(key)));
        return out;
    }

    private Map<String, Object> evidence(String siteKey, StoredCheckpoint checkpoint, EvidenceEntries entries) {
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("format", "consent-ledger-evidence");
        evidence.put("version", 1L);
        evidence.put("siteKey", siteKey);
        evidence.put("verifierKey", keys.verifierKey().encoded());
        evidence.put("checkpoint", checkpoint.note());
        evidence.put("entries", entries.entries);
        evidence.put("pendingEventIds", entries.pendingEventIds);
        evidence.put("pendingDeliveryIds", entries.pendingDeliveryIds);
        return evidence;
    }
}
