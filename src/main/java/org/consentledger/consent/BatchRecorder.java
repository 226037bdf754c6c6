package org.consentledger.consent;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;

import org.consentledger.common.ApiException;
import org.consentledger.common.DatabaseFailures;
import org.consentledger.common.Problem;
import org.consentledger.common.ProblemMappers;
import org.consentledger.notice.SiteNotice;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;

/**
 * A batch of events, each checked and recorded on its own, so one bad event spoils no other. The
 * answer is a future of every event's fate: nothing waits on a thread for the group commit.
 */
@ApplicationScoped
public class BatchRecorder {

    public record BatchResponse(List<BatchItemResult> results) {
    }

    @Inject EventService events;
    @Inject Validator validator;
    @Inject ObjectMapper json;

    public CompletableFuture<BatchResponse> record(SiteNotice site, BatchRequest request, RequestFacts facts) {
        List<CompletableFuture<BatchItemResult>> results = new ArrayList<>();
        for (int i = 0; i < request.events().size(); i++) {
            results.add(recordOne(site, i, request.events().get(i), facts));
        }
        return CompletableFuture.allOf(results.toArray(CompletableFuture[]::new))
                .thenApply(done -> new BatchResponse(results.stream().map(CompletableFuture::join).toList()));
    }

    /** Each event stands alone: its own reading, validation, outcome and status. */
    private CompletableFuture<BatchItemResult> recordOne(SiteNotice site, int index, JsonNode body, RequestFacts facts) {
        if (!body.isObject()) {
            return CompletableFuture.completedFuture(BatchItemResult.notAnObject(index));
        }
        EventRequest item;
        try {
            item = json.treeToValue(body, EventRequest.class);
        } catch (JsonProcessingException e) {
            return CompletableFuture.completedFuture(BatchItemResult.unreadable(index, body, e));
        }
        Set<ConstraintViolation<EventRequest>> violations = validator.validate(item);
        try {
            if (!violations.isEmpty()) {
                throw new ConstraintViolationException(violations);
            }
            return events.record(site, item, facts).toCompletableFuture()
                    .thenApply(recorded -> new BatchItemResult(index, item.eventId(), recorded.created() ? 201 : 200,
                            recorded.response(), null))
                    .exceptionally(failure -> failed(index, item, failure));
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(failed(index, item, e));
        }
    }

    private static BatchItemResult failed(int index, EventRequest item, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        Problem problem;
        if (cause instanceof ApiException api) {
            problem = ProblemMappers.problemOf(api, null);
        } else if (cause instanceof ConstraintViolationException violation) {
            problem = ProblemMappers.problemOf(violation, null);
        } else if (DatabaseFailures.isUnavailable(cause)) {
            problem = ProblemMappers.problemOf(ProblemMappers.databaseUnavailable(), null);
        } else {
            Log.errorf(cause, "Could not record batch event %s", item.eventId());
            problem = ProblemMappers.internalErrorProblem();
        }
        return new BatchItemResult(index, item.eventId(), problem.status(), null, problem);
    }
}
