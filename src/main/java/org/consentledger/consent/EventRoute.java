package org.consentledger.consent;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.UnaryOperator;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;

import org.consentledger.common.Problem;
import org.consentledger.common.ProblemMappers;
import org.consentledger.edge.BodyReader;
import org.consentledger.notice.BannerCors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The banner's hottest call, {@code POST /api/v1/sites/{siteKey}/events}, as a plain Vert.x route.
 * It skips the REST layer's work per request (its handler chain, request context, security
 * interceptor, template-path mapping and writer lookup) and, for the banner's requests, which carry
 * no token, the proactive authentication. It does here what those added to this endpoint: CORS
 * headers, problem+json answers from the same mappers, and the event metrics; the HTTP metrics
 * label it by its path, {@code :siteKey} written as {@code {siteKey}}. The edge filters before
 * authentication (request id, drain) run for it as for every request, and it reads its body as the
 * body reader's filter does. A request it does not match (a body that is not JSON, an Accept
 * without JSON) goes on to {@link EventResource#record}, which also carries the OpenAPI entry.
 */
@ApplicationScoped
class EventRoute {

    /** For the log. */
    static final String TEMPLATE = "/api/v1/sites/{siteKey}/events";
    private static final String JSON = "application/json;charset=UTF-8";

    @Inject BodyReader bodies;
    @Inject EventIntake intake;
    @Inject BannerCors cors;
    @Inject EventMetrics metrics;
    @Inject ProblemMappers problems;
    @Inject ObjectMapper json;

    /**
     * A request without a token is served before the framework's proactive authentication (a
     * filter at route order -200), which has nothing to check on it and whose chain was a sixth of
     * the event loops' own samples; it reads its body itself, as the body reader's filter would
     * after authentication. A request with a token goes through authentication as it does
     * everywhere (a forged one is answered 401) and is served after it.
     */
    static final int BEFORE_AUTHENTICATION = -250;

    void register(@Observes Router router) {
        String path = "/api/v1/sites/:siteKey/events";
        router.post(path).order(BEFORE_AUTHENTICATION).consumes("application/json").produces("application/json")
                .handler(this::withoutToken);
        router.post(path).consumes("application/json").produces("application/json").handler(this::handle);
    }

    private void withoutToken(RoutingContext context) {
        if (context.request().headers().contains(HttpHeaders.AUTHORIZATION)) {
            context.next();
            return;
        }
        bodies.read(context, this::handle);
    }

    void handle(RoutingContext context) {
        long started = System.nanoTime();
        HttpServerRequest http = context.request();
        MultiMap headers = http.headers();
        UnaryOperator<String> header = name -> joined(headers.getAll(name));
        EventRequest[] read = new EventRequest[1];
        CompletionStage<EventIntake.Accepted> recording;
        try {
            recording = intake.record(context.pathParam("siteKey"), context.body().buffer(), http, header,
                    request -> read[0] = request);
        } catch (Throwable e) {
            recording = CompletableFuture.failedFuture(e);
        }
        recording.whenComplete((accepted, failure) -> {
            try {
                String type = EventMetricsFilter.typeOf(read[0]); // "unknown" when the body was never read
                if (failure == null) {
                    acknowledge(context, accepted, header);
                    metrics.accepted(type, accepted.recorded().response(), accepted.recorded().created());
                    metrics.latency("event", Duration.ofNanos(System.nanoTime() - started));
                } else {
                    Response answer = refuse(context, failure, header);
                    metrics.refused(type, answer.getStatus(), EventMetricsFilter.reasonOf(answer.getEntity()));
                }
            } catch (Throwable e) {
                internalError(context, e);
            }
        });
    }

    private void acknowledge(RoutingContext context, EventIntake.Accepted accepted, UnaryOperator<String> header)
            throws JsonProcessingException {
        byte[] body = json.writeValueAsBytes(accepted.recorded().response());
        HttpServerResponse response = context.response().putHeader("Content-Type", JSON);
        if (accepted.recorded().created()) {
            response.setStatusCode(201).putHeader("Location", base(context.request().absoluteURI()) + accepted.path());
        }
        send(context, response, body, header);
    }

    /** Answers as the problem mappers would have: the answer they gave. */
    private Response refuse(RoutingContext context, Throwable failure, UnaryOperator<String> header)
            throws JsonProcessingException {
        Response answer = problems.toResponse(failure, context.normalizedPath(), context.request());
        byte[] body = json.writeValueAsBytes(answer.getEntity());
        HttpServerResponse response = context.response().setStatusCode(answer.getStatus());
        answer.getStringHeaders().forEach((name, values) -> values.forEach(value -> response.headers().add(name, value)));
        send(context, response, body, header);
        return answer;
    }

    private void send(RoutingContext context, HttpServerResponse response, byte[] body, UnaryOperator<String> header) {
        cors.addCorsHeaders(context.normalizedPath(), header.apply("Origin"), response.headers()::add,
                response.headers()::set);
        response.end(Buffer.buffer(body));
    }

    /** What the REST layer's last mapper answers when answering itself failed: never a client left waiting. */
    private void internalError(RoutingContext context, Throwable e) {
        Log.errorf(e, "Answering %s failed", TEMPLATE);
        HttpServerResponse response = context.response();
        if (response.ended()) {
            return;
        }
        if (response.headWritten()) {
            response.end();
            return;
        }
        response.headers().remove("Location");
        response.setStatusCode(500).putHeader("Content-Type", Problem.MEDIA_TYPE);
        try {
            response.end(Buffer.buffer(json.writeValueAsBytes(ProblemMappers.internalErrorProblem())));
        } catch (JsonProcessingException | RuntimeException unwritable) {
            response.end();
        }
    }

    /** "https://host:port" of "https://host:port/api/...": what the REST layer resolves Location against. */
    private static String base(String absoluteUri) {
        return absoluteUri.substring(0, absoluteUri.indexOf('/', absoluteUri.indexOf("://") + 3));
    }

    /** A header's values as the REST layer gives them: joined with commas, null when absent. */
    private static String joined(List<String> values) {
        return values.isEmpty() ? null : values.size() == 1 ? values.get(0) : String.join(",", values);
    }
}
