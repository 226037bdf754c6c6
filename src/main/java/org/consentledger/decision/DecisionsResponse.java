package org.consentledger.decision;

import java.util.List;

/** The answers to a {@link DecisionQuery}, one per subject, in the order asked. */
public record DecisionsResponse(List<DecisionResponse> decisions) {
}
