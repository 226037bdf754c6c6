package org.consentledger.consent;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.UnaryOperator;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;

import org.consentledger.edge.BodyReader;
import org.consentledger.notice.BannerAnswers;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The banner's hottest calls, {@code POST /api/v1/sites/{siteKey}/events} and
 * {@code .../events/batch}, as plain Vert.x routes. They skip the REST layer's work per request
 * (its handler chain, request context, security interceptor, template-path mapping and writer
 * lookup) and, for the banner's requests, which carry no token, the proactive authentication. They
 * do here what those added to these endpoints: CORS headers, problem+json answers from the same
 * mappers ({@link BannerAnswers}), and the event metrics; the HTTP metrics label them by their
 * path, {@code :siteKey} written as {@code {siteKey}}. The edge filters before authentication
 * (request id, drain) run for them as for every request, and they read their body as the body
 * reader's filter does. A request they do not match (a body that is not JSON, an Accept without
 * JSON) goes on to {@link EventResource}, which also carries the OpenAPI entries.
 */
@ApplicationScoped
class EventRoute {

    @Inject BodyReader bodies;
    @Inject EventIntake intake;
    @Inject EventMetrics metrics;
    @Inject BannerAnswers answers;

    /**
     * A request without a token is served before the framework's proactive authentication (a
     * filter at route order -200), which has nothing to check on it and whose chain was a sixth of
     * the event loops' own samples; it reads its body itself, as the body reader's filter would
     * after authentication. A request with a token goes through authentication as it does
     * everywhere (a forged one is answered 401) and is served after it.
     */
    static final int BEFORE_AUTHENTICATION = -250;

    void register(@Observes Router router) {
        route(router, "/api/v1/sites/:siteKey/events", this::handle);
        route(router, "/api/v1/sites/:siteKey/events/batch", this::handleBatch);
    }

    private void route(Router router, String path, Handler<RoutingContext> handler) {
        router.post(path).order(BEFORE_AUTHENTICATION).consumes("application/json").produces("application/json")
                .handler(context -> {
                    if (context.request().headers().contains(HttpHeaders.AUTHORIZATION)) {
                        context.next();
                    } else {
                        bodies.read(context, handler);
                    }
                });
        router.post(path).consumes("application/json").produces("application/json").handler(handler);
    }

    void handle(RoutingContext context) {
        long started = System.nanoTime();
        HttpServerRequest http = context.request();
        UnaryOperator<String> header = name -> BannerAnswers.header(context, name);
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
                    if (accepted.recorded().created()) {
                        context.response().setStatusCode(201)
                                .putHeader("Location", base(http.absoluteURI()) + accepted.path());
                    }
                    answers.json(context, accepted.recorded().response());
                    metrics.accepted(type, accepted.recorded().response(), accepted.recorded().created());
                    metrics.latency("event", Duration.ofNanos(System.nanoTime() - started));
                } else {
                    Response answer = answers.refuse(context, failure);
                    metrics.refused(type, answer.getStatus(), EventMetricsFilter.reasonOf(answer.getEntity()));
                }
            } catch (Throwable e) {
                answers.internalError(context, e);
            }
        });
    }

    /** A batch: 200 with each event's own answer, or the batch refused as a whole. */
    void handleBatch(RoutingContext context) {
        long started = System.nanoTime();
        BatchRequest[] read = new BatchRequest[1];
        CompletionStage<BatchRecorder.BatchResponse> recording;
        try {
            recording = intake.recordBatch(context.pathParam("siteKey"), context.body().buffer(), context.request(),
                    name -> BannerAnswers.header(context, name), request -> read[0] = request);
        } catch (Throwable e) {
            recording = CompletableFuture.failedFuture(e);
        }
        recording.whenComplete((answer, failure) -> {
            try {
                if (failure == null) {
                    answers.json(context, answer);
                    EventMetricsFilter.countItems(metrics, read[0].events(), answer.results());
                    metrics.latency("batch", Duration.ofNanos(System.nanoTime() - started));
                } else {
                    Response refused = answers.refuse(context, failure);
                    if (read[0] != null) {
                        EventMetricsFilter.refusedBatch(metrics, read[0], refused.getStatus(), refused.getEntity());
                    } else {
                        metrics.refused(EventMetrics.UNKNOWN, refused.getStatus(),
                                EventMetricsFilter.reasonOf(refused.getEntity()));
                    }
                }
            } catch (Throwable e) {
                answers.internalError(context, e);
            }
        });
    }

    /** "https://host:port" of "https://host:port/api/...": what the REST layer resolves Location against. */
    private static String base(String absoluteUri) {
        return absoluteUri.substring(0, absoluteUri.indexOf('/', absoluteUri.indexOf("://") + 3));
    }
}
