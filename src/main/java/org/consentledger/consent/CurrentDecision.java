package org.consentledger.consent;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A visitor's standing decision on a site, as {@link DecisionStore} keeps it: the act that decided
 * (see {@link DecisionStore} for the rule), what it decided, and under which regime and rules.
 * {@code eventRowId} is the deciding event's consent_event.id, which orders acts: the higher, the later.
 */
public record CurrentDecision(long eventRowId, UUID eventId, EventType type, boolean explicit, Outcome outcome, String regime,
        Integer rulesVersion, List<UUID> documentVersionIds, Instant receivedAt) {
}
