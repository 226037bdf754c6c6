package org.consentledger.common;

import java.util.List;

/**
 * A failure the client can act on. It carries a stable problem type and a safe, fixed message;
 * {@link ProblemMappers} turns it into application/problem+json.
 */
public class ApiException extends RuntimeException {

    private final int status;
    private final String type;
    private final String title;
    private final List<FieldError> errors;
    private final long retryAfterSeconds;

    public ApiException(int status, String type, String title, String detail, List<FieldError> errors) {
        this(status, type, title, detail, errors, status == 503 ? 1 : 0);
    }

    private ApiException(int status, String type, String title, String detail, List<FieldError> errors,
            long retryAfterSeconds) {
        super(detail, null, false, false);
        this.status = status;
        this.type = type;
        this.title = title;
        this.errors = errors;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static ApiException notFound(String detail) {
        return new ApiException(404, "not-found", "Not found", detail, null);
    }

    /** The one answer about a site the caller cannot see, whether it exists or not. */
    public static ApiException unknownSite() {
        return notFound("No site with this siteKey");
    }

    public static ApiException conflict(String detail) {
        return new ApiException(409, "conflict", "Conflict", detail, null);
    }

    public static ApiException invalid(String field, String message) {
        return new ApiException(400, "validation-failed", "Invalid request",
                "The request has an invalid field: " + field, List.of(new FieldError(field, message)));
    }

    /**
     * 422: a well-formed value beyond a bound the service keeps so that no caller costs the others;
     * the detail names the bound, the field error says it and why.
     */
    public static ApiException beyondLimit(String field, String detail, String message) {
        return new ApiException(422, "limit-exceeded", "Beyond a limit", detail, List.of(new FieldError(field, message)));
    }

    /** 422 for a bound that no one field crosses, such as a time limit; the detail names the bound. */
    public static ApiException beyondLimit(String detail) {
        return new ApiException(422, "limit-exceeded", "Beyond a limit", detail, null);
    }

    /** 503: the service is saturated; nothing was written and the client should retry. */
    public static ApiException overloaded() {
        return new ApiException(503, "overloaded", "Service overloaded",
                "Too many events are waiting to be written; nothing was recorded, retry shortly", null);
    }

    /**
     * 503: the database did not answer in time (down, frozen or locked). An event may or may not
     * have been written; a retry with the same eventId is answered once, never recorded twice.
     */
    public static ApiException databaseUnavailable(long retryAfterSeconds) {
        return new ApiException(503, "database-unavailable", "Service unavailable",
                "The database did not answer in time; nothing was acknowledged, retry shortly with the same eventId",
                null, Math.max(1, retryAfterSeconds));
    }

    /** 429: this client or this site has used up its rate limit; nothing was done. */
    public static ApiException tooManyRequests(long retryAfterSeconds) {
        return new ApiException(429, "rate-limited", "Too many requests",
                "Too many requests from this client or for this site; nothing was recorded, retry later", null,
                Math.max(1, retryAfterSeconds));
    }

    /** 413: a body larger than the endpoint reads; the same problem type as the service-wide size limit's. */
    public static ApiException bodyTooLarge(String detail) {
        return new ApiException(413, "body-too-large", "Payload too large", detail, null);
    }

    public static ApiException forbidden(String detail) {
        return new ApiException(403, "forbidden", "Forbidden", detail, null);
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    public List<FieldError> errors() {
        return errors;
    }

    /** Seconds for the Retry-After header, or 0 when the client should not simply retry. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
