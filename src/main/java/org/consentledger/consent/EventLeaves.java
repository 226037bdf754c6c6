package org.consentledger.consent;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.consentledger.ledger.Leaf;
import org.consentledger.ledger.LedgerLeaves;
import org.consentledger.ledger.RecordRef;

/**
 * The ledger leaves of events read from consent_event, looked up in a second query on the same
 * connection rather than joined into the events' own. Under Citus the events live on the workers
 * and the ledger on the coordinator, where a join between them cannot run (docs/scaling.md).
 */
public final class EventLeaves {

    private EventLeaves() {
    }

    /** The events, in the same order, each with its leaf where the sequencer has reached it. */
    public static List<StoredEvent> attach(Connection c, List<StoredEvent> events) throws SQLException {
        if (events.isEmpty()) {
            return events;
        }
        Set<EventKey> bare = EventStore.bareKeyed(c, events.stream().map(stored -> EventKey.of(stored.event())).toList());
        Map<RecordRef, Leaf> leaves = LedgerLeaves.ofAll(c,
                events.stream().flatMap(stored -> refs(stored, bare).stream()).toList());
        List<StoredEvent> out = new ArrayList<>(events.size());
        for (StoredEvent stored : events) {
            Leaf leaf = leafOf(leaves, refs(stored, bare));
            out.add(leaf == null ? stored : new StoredEvent(stored.id(), stored.event(), leaf.seq(),
                    Base64.getEncoder().encodeToString(leaf.hash())));
        }
        return out;
    }

    private static List<RecordRef> refs(StoredEvent stored, Set<EventKey> bare) {
        return EventKey.refs(stored.event().siteKey(), stored.event().eventId(), bare.contains(EventKey.of(stored.event())));
    }

    /** The event's leaf among these, under either of its keys ({@link EventKey#refs}); null if none. */
    public static Leaf leafOf(Map<RecordRef, Leaf> leaves, List<RecordRef> refs) {
        return refs.stream().map(leaves::get).filter(Objects::nonNull).findFirst().orElse(null);
    }
}
