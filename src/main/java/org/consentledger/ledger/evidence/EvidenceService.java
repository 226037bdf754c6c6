package org.consentledger.ledger.evidence;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.consentledger.consent.EventStore;
import org.consentledger.ledger.Leaf;
import org.consentledger.ledger.LedgerCheckpoints;
import org.consentledger.ledger.LedgerConfig;
import org.consentledger.ledger.LedgerKeys;
import org.consentledger.ledger.LedgerLeaves;
import org.consentledger.ledger.LedgerNodes;
import org.consentledger.ledger.LedgerReads;
import org.consentledger.ledger.LedgerRecords;
import org.consentledger.ledger.RecordRef;
import org.consentledger.ledger.StoredCheckpoint;
import org.consentledger.retention.PurgedEvents;
import org.consentledger.verify.CanonicalJson;
import org.consentledger.verify.Leaves;
import org.consentledger.verify.Merkle;
import org.consentledger.verify.NodeId;
import org.consentledger.verify.ProofNodes;

/**
 * An evidence package: the visitor's events, the policy versions they were shown, and the
 * rendered notices they name with the translations those showed, and the site's own records of
 * the purges that removed its events under retention (never the record of the whole purge, which
 * counts every site's events), each with its inclusion proof
 * to the latest signed checkpoint. Written as canonical JSON, so records reach
 * the auditor exactly as they were hashed, null fields included. However many events the visitor
 * has, their leaves are read in one query and the nodes of all their proofs in another.
 */
@ApplicationScoped
public class EvidenceService {

    private final DataSource dataSource;
    private final LedgerKeys keys;
    private final LedgerRecords records;
    private final EventStore events;
    private final LedgerConfig config;

    EvidenceService(DataSource dataSource, LedgerKeys keys, LedgerRecords records, EventStore events,
            LedgerConfig config) {
        this.events = events;
        this.config = config;
        this.dataSource = dataSource;
        this.keys = keys;
        this.records = records;
    }

    public String packageFor(String siteKey, UUID siteId, UUID visitorId) {
        return LedgerReads.read(dataSource, c -> {
            StoredCheckpoint checkpoint = LedgerCheckpoints.published(c, config.witnessQuorum());
            long size = checkpoint.treeSize();
            List<String> eventIds = events.eventIdsOf(c, siteId, visitorId).stream().map(UUID::toString).toList();
            Map<String, Map<String, Object>> eventRecords = records.load(c, Leaves.CONSENT_EVENT, eventIds);
            Map<RecordRef, Leaf> leaves = LedgerLeaves.ofAll(c, refsOf(eventRecords));

            List<Leaf> included = new ArrayList<>();
            List<String> pending = new ArrayList<>();
            Set<RecordRef> linked = new LinkedHashSet<>();
            for (String eventId : eventIds) {
                Leaf leaf = leaves.get(new RecordRef(Leaves.CONSENT_EVENT, eventId));
                if (leaf == null || leaf.seq() >= size) {
                    pending.add(eventId);
                    continue;
                }
                included.add(leaf);
                linked.addAll(linkedBy(eventRecords.get(eventId)));
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
            Stream.concat(included.stream(), linkedLeaves.stream())
                    .forEach(leaf -> nodes.addAll(ProofNodes.inclusion(leaf.seq(), size)));
            Merkle.PerfectSubtrees tree = LedgerNodes.fetch(c, nodes);

            List<Map<String, Object>> entries = new ArrayList<>();
            included.forEach(leaf -> entries.add(
                    leaf.entry(eventRecords.get(leaf.recordKey()), Merkle.inclusionProof(tree, leaf.seq(), size))));
            linkedLeaves.forEach(leaf -> entries.add(leaf.entry(linkedRecords.get(new RecordRef(leaf.source(), leaf.recordKey())),
                    Merkle.inclusionProof(tree, leaf.seq(), size))));
            return CanonicalJson.string(evidence(siteKey, visitorId, checkpoint, entries, pending));
        });
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

    /** The leaves to look up: the events, and every record any of them links to. */
    private static Set<RecordRef> refsOf(Map<String, Map<String, Object>> events) {
        Set<RecordRef> refs = new LinkedHashSet<>();
        events.forEach((eventId, record) -> {
            refs.add(new RecordRef(Leaves.CONSENT_EVENT, eventId));
            refs.addAll(linkedBy(record));
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

    private Map<String, Object> evidence(String siteKey, UUID visitorId, StoredCheckpoint checkpoint,
            List<Map<String, Object>> entries, List<String> pending) {
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("format", "consent-ledger-evidence");
        evidence.put("version", 1L);
        evidence.put("siteKey", siteKey);
        evidence.put("visitorId", visitorId.toString());
        evidence.put("verifierKey", keys.verifierKey().encoded());
        evidence.put("checkpoint", checkpoint.note());
        evidence.put("entries", entries);
        evidence.put("pendingEventIds", pending);
        return evidence;
    }
}
