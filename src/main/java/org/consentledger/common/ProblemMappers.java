package org.consentledger.common;

import java.util.Comparator;
import java.util.List;

import jakarta.enterprise.event.Event;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import io.quarkus.logging.Log;

import io.vertx.core.http.HttpServerRequest;

/**
 * Every error leaves the service as RFC 9457 application/problem+json with a fixed, safe message.
 * Nothing here echoes exception messages from libraries, so no internals reach a client.
 */
public class ProblemMappers {

    /** Seconds a client waits before retrying when the database could not answer. */
    static final long DATABASE_RETRY_AFTER_SECONDS = 2;

    private final Event<SecurityEvent> security;

    ProblemMappers(Event<SecurityEvent> security) {
        this.security = security;
    }

    @ServerExceptionMapper
    public Response api(ApiException e, UriInfo uri, HttpServerRequest request) {
        return api(e, path(uri), request);
    }

    private Response api(ApiException e, String path, HttpServerRequest request) {
        if (e.status() == 403) {
            security.fire(SecurityEvent.of(403, "forbidden", request));
        }
        return answer(e, path);
    }

    /**
     * What the mappers here answer for a failure, for an endpoint served outside the framework
     * ({@code consent.EventRoute}, {@code notice.NoticeRoute}); {@code path} is the request's. A
     * failure of an asynchronous stage is answered as its cause.
     */
    public Response toResponse(Throwable e, String path, HttpServerRequest request) {
        if (e instanceof java.util.concurrent.CompletionException completion && completion.getCause() != null) {
            return toResponse(completion.getCause(), path, request);
        } else if (e instanceof ApiException api) {
            return api(api, path, request);
        } else if (e instanceof ConstraintViolationException violation) {
            return response(problemOf(violation, path));
        } else if (e instanceof JsonProcessingException json) {
            return response(problemOf(json, path));
        }
        return unexpected(e, path);
    }

    private static Response answer(ApiException e, String path) {
        Response response = response(problemOf(e, path));
        return e.retryAfterSeconds() > 0
                ? Response.fromResponse(response).header(HttpHeaders.RETRY_AFTER, String.valueOf(e.retryAfterSeconds())).build()
                : response;
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e, UriInfo uri) {
        return response(problemOf(e, path(uri)));
    }

    public static Problem problemOf(ApiException e, String path) {
        return problemOf(e.status(), e.type(), e.title(), e.getMessage(), path, e.errors());
    }

    public static Problem problemOf(ConstraintViolationException e, String path) {
        List<FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new FieldError(fieldName(v), v.getMessage()))
                .sorted(Comparator.comparing(FieldError::field).thenComparing(FieldError::message))
                .toList();
        String fields = String.join(", ", errors.stream().map(FieldError::field).distinct().toList());
        return problemOf(400, "validation-failed", "Invalid request", "The request has invalid fields: " + fields, path,
                errors);
    }

    /** More specific than JsonProcessingException, so it takes over from the framework's own mapper. */
    @ServerExceptionMapper
    public Response mismatchedJson(MismatchedInputException e, UriInfo uri) {
        return unreadableJson(e, uri);
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e, UriInfo uri) {
        return response(problemOf(e, path(uri)));
    }

    /** A body, or one item of a batch, that cannot be read: the field named when there is one. */
    public static Problem problemOf(JsonProcessingException e, String path) {
        StreamConstraintsException bound = e instanceof StreamConstraintsException direct ? direct
                : e.getCause() instanceof StreamConstraintsException wrapped ? wrapped : null;
        if (bound != null) {
            String field = e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty() ? jsonPath(mapping)
                    : "body";
            return problemOf(400, "validation-failed", "Invalid request", "The request has an invalid field: " + field,
                    path, List.of(new FieldError(field, StrictJson.boundExceeded(bound))));
        }
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = jsonPath(mapping);
            String message = e instanceof UnrecognizedPropertyException ? "unknown field"
                    : e instanceof StrictJson.InvalidValue invalid ? invalid.reason()
                    : e instanceof InvalidFormatException ? "has an invalid value"
                    : "has the wrong type";
            return problemOf(400, "validation-failed", "Invalid request", "The request has an invalid field: " + field,
                    path, List.of(new FieldError(field, message)));
        }
        return problemOf(400, "malformed-json", "Malformed JSON", "The request body is not valid JSON", path, null);
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return unreadableJson(json, uri);
        }
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            Log.errorf(e, "Request to %s failed", LoggedPaths.of(uri.getPath()));
            return internalError();
        }
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known == null ? "Request failed" : known.getReasonPhrase();
        return problem(status, "http-" + status, title, title, uri, null);
    }

    /** Failures of asynchronous stages arrive wrapped; map what they carry. */
    @ServerExceptionMapper
    public Response completion(java.util.concurrent.CompletionException e, UriInfo uri, HttpServerRequest request) {
        return toResponse(e, path(uri), request);
    }

    @ServerExceptionMapper(priority = 10_000)
    public Response unexpected(Throwable e, UriInfo uri) {
        return unexpected(e, path(uri));
    }

    private static Response unexpected(Throwable e, String path) {
        if (DatabaseFailures.isUnavailable(e)) {
            // Expected while the database is down, frozen or locked: no stack trace for each request.
            Log.errorf("Request to %s failed: the database is unavailable (%s)", path == null ? "-" : LoggedPaths.of(path),
                    rootMessage(e));
            // A pool wait cut short by StuckPoolWaits leaves this worker thread's interrupt flag set.
            Thread.interrupted();
            return answer(databaseUnavailable(), path);
        }
        Log.errorf(e, "Request to %s failed", LoggedPaths.of(path));
        return internalError();
    }

    /** The 503 for a failure that {@link DatabaseFailures} calls unavailable. */
    public static ApiException databaseUnavailable() {
        return ApiException.databaseUnavailable(DATABASE_RETRY_AFTER_SECONDS);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    private static Response internalError() {
        return response(internalErrorProblem());
    }

    public static Problem internalErrorProblem() {
        return problemOf(500, "internal-error", "Internal error",
                "The request could not be completed; nothing was acknowledged", null, null);
    }

    public static Response problem(int status, String type, String title, String detail, UriInfo uri,
            List<FieldError> errors) {
        return response(problemOf(status, type, title, detail, path(uri), errors));
    }

    private static String path(UriInfo uri) {
        return uri == null ? null : uri.getPath();
    }

    private static Problem problemOf(int status, String type, String title, String detail, String path,
            List<FieldError> errors) {
        String instance = path == null ? null : LoggedPaths.of(path);
        return new Problem("/problems/" + type, title, status, detail, instance, errors);
    }

    private static Response response(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    /** "create.request.events[2].eventId" becomes "events[2].eventId". */
    private static String fieldName(ConstraintViolation<?> violation) {
        StringBuilder field = new StringBuilder();
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.PARAMETER
                    || node.getKind() == ElementKind.CONSTRUCTOR || node.getKind() == ElementKind.RETURN_VALUE) {
                continue;
            }
            if (node.getIndex() != null && field.length() > 0) {
                field.append('[').append(node.getIndex()).append(']');
            }
            if (node.getName() != null && node.getKind() != ElementKind.CONTAINER_ELEMENT) {
                if (field.length() > 0) {
                    field.append('.');
                }
                field.append(node.getName());
            }
        }
        return field.length() == 0 ? "body" : field.toString();
    }

    private static String jsonPath(JsonMappingException e) {
        StringBuilder field = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (field.length() > 0) {
                    field.append('.');
                }
                field.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                field.append('[').append(ref.getIndex()).append(']');
            }
        }
        return field.toString();
    }
}
