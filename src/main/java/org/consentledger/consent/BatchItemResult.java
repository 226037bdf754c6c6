package org.consentledger.consent;

import java.util.UUID;

import org.consentledger.common.Problem;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The fate of one event in a batch: the status it would have had alone, and its record or its problem. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BatchItemResult(int index, UUID eventId, int status, EventResponse event, Problem problem) {
}
