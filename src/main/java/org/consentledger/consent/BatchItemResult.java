package org.consentledger.consent;

import java.util.UUID;

import org.consentledger.common.ApiException;
import org.consentledger.common.Problem;
import org.consentledger.common.ProblemMappers;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

/** The fate of one event in a batch: the status it would have had alone, and its record or its problem. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BatchItemResult(int index, UUID eventId, int status, EventResponse event, Problem problem) {

    /** An item that could not be read as an event: its 400, and its eventId when that at least is readable. */
    static BatchItemResult unreadable(int index, JsonNode body, JsonProcessingException failure) {
        Problem problem = ProblemMappers.problemOf(failure, null);
        return new BatchItemResult(index, statedEventId(body), problem.status(), null, problem);
    }

    /** An item that is not even a JSON object, such as null. */
    static BatchItemResult notAnObject(int index) {
        Problem problem = ProblemMappers.problemOf(ApiException.invalid("events[" + index + "]", "must be an event object"),
                null);
        return new BatchItemResult(index, null, problem.status(), null, problem);
    }

    private static UUID statedEventId(JsonNode body) {
        try {
            return body.path("eventId").isTextual() ? UUID.fromString(body.path("eventId").textValue()) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
