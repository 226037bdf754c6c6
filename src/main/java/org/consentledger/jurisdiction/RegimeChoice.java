package org.consentledger.jurisdiction;

/** The regime a visitor gets on a site, and the jurisdiction that records it. */
public record RegimeChoice(Jurisdiction jurisdiction, Regime regime) {
}
