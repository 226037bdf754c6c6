package org.consentledger.consent;

import java.util.UUID;

/**
 * The visitor's standing consent: the act that decided, if any, and the regime it was decided
 * under. For a visitor id linked to an account, the person's decision, which another of their
 * visitor ids may have made.
 */
public record VisitorConsent(UUID visitorId, UUID eventId, Outcome outcome, String regime, boolean reconsentRequired) {
}
