package org.consentledger.consent;

import java.util.UUID;

/** The visitor's standing consent: from the latest event that changed it, if any. */
public record VisitorConsent(UUID visitorId, UUID eventId, Outcome outcome, boolean reconsentRequired) {
}
