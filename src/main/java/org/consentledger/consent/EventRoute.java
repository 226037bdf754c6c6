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

import org.consentledger.common.ProblemMappers;
import org.consentledger.notice.BannerCors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The banner's hottest call, {@code POST /api/v1/sites/{siteKey}/events}, as a plain Vert.x route.
 * It skips the REST layer's work per request (its handler chain, request context, security
 * interceptor, template-path mapping and writer lookup) and does here what that layer added to
 * this endpoint: CORS headers, problem+json answers from the same mappers, the event metrics, and
 * the route's template for the HTTP metrics. The edge filters (request id, drain, body reader)
 * run for it as for every request. A request it does not match (a body that is not JSON, an
 * Accept without JSON) goes on to {@link EventResource#record}, which also carries the OpenAPI entry.
 */
@ApplicationScoped
class EventRoute {

    static final String TEMPLATE = "/api/v1/sites/{siteKey}/events";
    /** Where Quarkus' HTTP metrics read a route's template, so the series is labelled as the REST layer's was. */
    private static final String METRICS_TEMPLATE = "UrlPathTemplate";
    private static final String JSON = "application/json;charset=UTF-8";

    @Inject EventIntake intake;
    @Inject BannerCors cors;
    @Inject EventMetrics metrics;
    @Inject ProblemMappers problems;
    @Inject ObjectMapper json;

    void register(@Observes Router router) {
        router.post("/api/v1/sites/:siteKey/events").consumes("application/json").produces("application/json")
                .handler(this::handle);
    }

    void handle(RoutingContext context) {
        long started = System.nanoTime();
        context.put(METRICS_TEMPLATE, TEMPLATE);
        HttpServerRequest http = context.request();
        MultiMap headers = http.headers();
        UnaryOperator<String> header = name -> joined(headers.getAll(name));
        EventRequest[] read = new EventRequest[1];
        CompletionStage<EventIntake.Accepted> recording;
        try {
            recording = intake.record(context.pathParam("siteKey"), context.body().buffer(), http, header,
                    request -> read[0] = request);
        } catch (JsonProcessingException | RuntimeException e) {
            recording = CompletableFuture.failedFuture(e);
        }
        recording.whenComplete((accepted, failure) -> {
            String type = read[0] == null ? EventMetrics.UNKNOWN : EventMetricsFilter.typeOf(read[0]);
            if (failure == null) {
                acknowledge(context, accepted, header);
                metrics.accepted(type, accepted.recorded().response(), accepted.recorded().created());
                metrics.latency("event", Duration.ofNanos(System.nanoTime() - started));
            } else {
                Response answer = refuse(context, failure, header);
                metrics.refused(type, answer.getStatus(), EventMetricsFilter.reasonOf(answer.getEntity()));
            }
        });
    }

    private void acknowledge(RoutingContext context, EventIntake.Accepted accepted, UnaryOperator<String> header) {
        HttpServerResponse response = context.response();
        if (accepted.recorded().created()) {
            response.setStatusCode(201).putHeader("Location", base(context.request().absoluteURI()) + accepted.path());
        }
        write(context, response, JSON, accepted.recorded().response(), header);
    }

    /** Answers as the problem mappers would have: the answer they gave. */
    private Response refuse(RoutingContext context, Throwable failure, UnaryOperator<String> header) {
        Response answer = problems.toResponse(failure, context.request().path(), context.request());
        HttpServerResponse response = context.response().setStatusCode(answer.getStatus());
        answer.getStringHeaders().forEach((name, values) -> values.forEach(value -> response.headers().add(name, value)));
        write(context, response, null, answer.getEntity(), header);
        return answer;
    }

    private void write(RoutingContext context, HttpServerResponse response, String contentType, Object entity,
            UnaryOperator<String> header) {
        if (contentType != null) {
            response.putHeader("Content-Type", contentType);
        }
        cors.addCorsHeaders(context.request().path(), header.apply("Origin"), response.headers()::add,
                response.headers()::set);
        try {
            response.end(Buffer.buffer(json.writeValueAsBytes(entity)));
        } catch (JsonProcessingException e) {
            Log.errorf(e, "Writing the answer to %s failed", TEMPLATE);
            response.setStatusCode(500).end();
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
