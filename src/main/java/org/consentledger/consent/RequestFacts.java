package org.consentledger.consent;

import org.consentledger.jurisdiction.Jurisdiction;

/** What the server itself observes about a request, as opposed to what the body claims. */
public record RequestFacts(Jurisdiction jurisdiction, String ipPrefix, String userAgent, boolean gpcHeader) {
}
