package org.consentledger.audit;

import java.util.List;

import org.consentledger.consent.StoredEvent;

/** One page of events, oldest first; {@code nextCursor} is null on the last page. */
public record EventPage(List<StoredEvent> items, String nextCursor) {
}
