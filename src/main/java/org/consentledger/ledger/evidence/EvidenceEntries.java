package org.consentledger.ledger.evidence;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.consentledger.consent.EventKey;
import org.consentledger.consent.EventLeaves;
import org.consentledger.ledger.Leaf;
import org.consentledger.ledger.LedgerLeaves;
import org.consentledger.ledger.LedgerNodes;
import org.consentledger.ledger.LedgerRecords;
import org.consentledger.ledger.RecordRef;
import org.consentledger.retention.PurgedEvents;
import org.consentledger.verify.Leaves;
import org.consentledger.verify.Merkle;
import org.consentledger.verify.NodeId;
import org.consentledger.verify.ProofNodes;

/**
 * The entries of one evidence package up to one checkpoint, read on one connection: the subject's
 * records (a visitor's events, or a person's link and unlink events and the events of the visitor
 * ids they link, and the records of those events' webhook deliveries), the policy versions and
 * rendered notices those events name with the translations the notices showed, and the site's own
 * records of the purges that removed its events under retention (never the record of the whole
 * purge, which counts every site's events), each with its inclusion proof. However many records the subject has, their leaves are read in
 * one query and the nodes of all their proofs in another.
 */
final class EvidenceEntries {

    final List<Map<String, Object>> entries = new ArrayList<>();
    /** The subject's events that no checkpointed leaf holds yet, or (for a person) whose link none does. */
    final List<String> pendingEventIds = new ArrayList<>();
    final List<String> pendingIdentityEventIds = new ArrayList<>();
    /** The delivery records of the package's events that no checkpointed leaf holds yet. */
    final List<String> pendingDeliveryIds = new ArrayList<>();

    private EvidenceEntries() {
    }

    /** A visitor's package: its events, in the order they were recorded, then their deliveries. */
    static EvidenceEntries ofVisitor(Connection c, LedgerRecords records, long size, String siteKey,
            SiteEvents events, Map<String, Map<String, Object>> deliveries) throws SQLException {
        return read(c, records, size, siteKey, null, events, deliveries);
    }

    /**
     * A person's package: their identity events and the events of the visitor ids those link, in
     * ledger order. An event counts only once a LINKED event of its visitor id is in the
     * checkpoint too, so that the package itself shows whose it is.
     */
    static EvidenceEntries ofUser(Connection c, LedgerRecords records, long size, String siteKey,
            Map<String, Map<String, Object>> identityEvents, SiteEvents events,
            Map<String, Map<String, Object>> deliveries) throws SQLException {
        return read(c, records, size, siteKey, identityEvents, events, deliveries);
    }

    /**
     * A site's events as ledger records, in order, by their record keys; {@code bareKeyed} holds
     * the keys of those whose leaf may be keyed by the eventId alone
     * ({@link org.consentledger.consent.EventStore#bareKeyed}).
     */
    record SiteEvents(Map<String, Map<String, Object>> records, Set<String> bareKeyed) {
    }

    private static EvidenceEntries read(Connection c, LedgerRecords records, long size, String siteKey,
            Map<String, Map<String, Object>> identityEvents, SiteEvents siteEvents,
            Map<String, Map<String, Object>> deliveries) throws SQLException {
        Map<String, Map<String, Object>> events = siteEvents.records();
        EvidenceEntries out = new EvidenceEntries();
        Map<String, Map<String, Object>> identity = identityEvents == null ? Map.of() : identityEvents;
        Set<RecordRef> refs = new LinkedHashSet<>();
        identity.keySet().forEach(id -> refs.add(new RecordRef(Leaves.IDENTITY_EVENT, id)));
        Map<String, List<RecordRef>> eventRefs = new HashMap<>();
        events.forEach((recordKey, record) -> {
            EventKey.Named key = EventKey.parse(recordKey);
            eventRefs.put(recordKey, EventKey.refs(key.siteKey(), key.eventId(), siteEvents.bareKeyed().contains(recordKey)));
            refs.addAll(eventRefs.get(recordKey));
            refs.addAll(linkedBy(record));
        });
        deliveries.keySet().forEach(id -> refs.add(new RecordRef(Leaves.WEBHOOK_DELIVERY, id)));
        Map<RecordRef, Leaf> leaves = LedgerLeaves.ofAll(c, refs);

        List<Leaf> subject = new ArrayList<>();
        Map<RecordRef, Map<String, Object>> subjectRecords = new HashMap<>();
        Set<Object> linkedVisitors = new HashSet<>();
        identity.forEach((id, record) -> {
            Leaf leaf = leaves.get(new RecordRef(Leaves.IDENTITY_EVENT, id));
            if (leaf == null || leaf.seq() >= size) {
                out.pendingIdentityEventIds.add(id);
                return;
            }
            subject.add(leaf);
            subjectRecords.put(leaf.ref(), record);
            if ("LINKED".equals(record.get("type"))) {
                linkedVisitors.add(record.get("visitorId"));
            }
        });
        Set<RecordRef> linked = new LinkedHashSet<>();
        Set<Object> included = new HashSet<>();
        events.forEach((recordKey, record) -> {
            EventKey.Named key = EventKey.parse(recordKey);
            String eventId = key.eventId().toString();
            Leaf leaf = EventLeaves.leafOf(leaves, eventRefs.get(recordKey));
            if (leaf == null || leaf.seq() >= size
                    || (identityEvents != null && !linkedVisitors.contains(record.get("visitorId")))) {
                out.pendingEventIds.add(eventId);
                return;
            }
            subject.add(leaf);
            subjectRecords.put(leaf.ref(), record);
            linked.addAll(linkedBy(record));
            included.add(eventId);
        });
        deliveries.forEach((id, record) -> {
            if (!included.contains(record.get("eventId"))) {
                return; // its event is pending: it comes with it
            }
            Leaf leaf = leaves.get(new RecordRef(Leaves.WEBHOOK_DELIVERY, id));
            if (leaf == null || leaf.seq() >= size) {
                out.pendingDeliveryIds.add(id);
                return;
            }
            subject.add(leaf);
            subjectRecords.put(leaf.ref(), record);
        });
        if (identityEvents != null) {
            subject.sort(Comparator.comparingLong(Leaf::seq));
        }

        List<Leaf> linkedLeaves = checkpointed(leaves, linked, size);
        Map<RecordRef, Map<String, Object>> linkedRecords = new HashMap<>(records.loadAll(c, List.copyOf(linked)));
        Set<RecordRef> translations = translationsShown(linkedRecords);
        if (!translations.isEmpty()) {
            linkedLeaves.addAll(checkpointed(LedgerLeaves.ofAll(c, translations), translations, size));
            linkedRecords.putAll(records.loadAll(c, List.copyOf(translations)));
        }
        List<Leaf> purges = LedgerLeaves.ofAll(c, purgesOf(c, siteKey)).values().stream()
                .filter(leaf -> leaf.seq() < size).sorted(Comparator.comparingLong(Leaf::seq)).toList();
        linkedLeaves.addAll(purges);
        linkedRecords.putAll(records.loadAll(c, purges.stream().map(Leaf::ref).toList()));

        Set<NodeId> nodes = new LinkedHashSet<>();
        Stream.concat(subject.stream(), linkedLeaves.stream())
                .forEach(leaf -> nodes.addAll(ProofNodes.inclusion(leaf.seq(), size)));
        Merkle.PerfectSubtrees tree = LedgerNodes.fetch(c, nodes);
        subject.forEach(leaf -> out.entries.add(
                leaf.entry(subjectRecords.get(leaf.ref()), Merkle.inclusionProof(tree, leaf.seq(), size))));
        linkedLeaves.forEach(leaf -> out.entries.add(
                leaf.entry(linkedRecords.get(leaf.ref()), Merkle.inclusionProof(tree, leaf.seq(), size))));
        return out;
    }

    /**
     * The site's purge records: a purged event can no longer be tied to its visitor, so the
     * package shows every purge that may have removed some of the visitor's history, and why.
     */
    private static Set<RecordRef> purgesOf(Connection c, String siteKey) throws SQLException {
        Set<RecordRef> refs = new LinkedHashSet<>();
        PurgedEvents.purgesOfSite(c, siteKey).forEach(id -> refs.add(new RecordRef(Leaves.ADMIN_LOG, String.valueOf(id))));
        return refs;
    }

    private static List<Leaf> checkpointed(Map<RecordRef, Leaf> leaves, Set<RecordRef> refs, long size) {
        List<Leaf> out = new ArrayList<>();
        for (RecordRef ref : refs) {
            Leaf leaf = leaves.get(ref);
            if (leaf == null || leaf.seq() >= size) {
                throw new IllegalStateException("A record an event links to is not in the checkpoint: " + ref);
            }
            out.add(leaf);
        }
        return out;
    }

    /** The translations the rendered notices showed, whose texts the verifier checks against them. */
    @SuppressWarnings("unchecked")
    private static Set<RecordRef> translationsShown(Map<RecordRef, Map<String, Object>> linked) {
        Set<RecordRef> refs = new LinkedHashSet<>();
        linked.forEach((ref, record) -> {
            if (Leaves.RENDERED_NOTICE.equals(ref.source())) {
                Map<String, Object> rendering = (Map<String, Object>) record.get("rendering");
                for (Object document : (List<Object>) rendering.get("documents")) {
                    if (((Map<String, Object>) document).get("translationId") instanceof String id) {
                        refs.add(new RecordRef(Leaves.POLICY_TRANSLATION, id));
                    }
                }
            }
        });
        return refs;
    }

    /** What an event's record points at: the policy versions shown, and the rendered notice when it names one. */
    @SuppressWarnings("unchecked")
    private static List<RecordRef> linkedBy(Map<String, Object> eventRecord) {
        List<RecordRef> refs = new ArrayList<>();
        ((List<String>) eventRecord.get("documentVersionIds"))
                .forEach(id -> refs.add(new RecordRef(Leaves.POLICY_VERSION, id)));
        if (eventRecord.get("noticeId") instanceof String noticeId) {
            refs.add(new RecordRef(Leaves.RENDERED_NOTICE, noticeId));
        }
        return refs;
    }
}
