package org.consentledger.consent;

import java.time.Duration;
import java.util.List;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;

import org.consentledger.common.Problem;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

import com.fasterxml.jackson.databind.JsonNode;

import io.vertx.ext.web.RoutingContext;

/**
 * Counts every event the two event routes answer, from the answer itself: so a body refused
 * before the endpoint runs (malformed, a field invalid) counts as surely as one refused by the
 * service, and a batch counts each of its events. The event's type comes from the body as the
 * endpoint read it; a body refused before the endpoint runs counts as type {@code unknown}.
 */
public class EventMetricsFilter {

    private static final String STARTED = EventMetricsFilter.class.getName() + ".started";
    private static final String BODY = EventMetricsFilter.class.getName() + ".body";

    private final EventMetrics metrics;

    EventMetricsFilter(EventMetrics metrics) {
        this.metrics = metrics;
    }

    @ServerRequestFilter
    public void start(ContainerRequestContext request, SimpleResourceInfo resource) {
        if (isEventRoute(resource)) {
            request.setProperty(STARTED, System.nanoTime());
        }
    }

    @ServerResponseFilter
    public void count(ContainerRequestContext request, ContainerResponseContext response, SimpleResourceInfo resource,
            RoutingContext routing) {
        if (!isEventRoute(resource)) {
            return;
        }
        Object body = routing.get(BODY);
        Object answer = response.getEntity();
        if (answer instanceof EventResponse event) {
            metrics.accepted(typeOf(body), event, response.getStatus() == 201);
        } else if (answer instanceof BatchRecorder.BatchResponse batch && body instanceof BatchRequest items) {
            countItems(metrics, items.events(), batch.results());
        } else if (body instanceof BatchRequest items) {
            refusedBatch(metrics, items, response.getStatus(), answer);
        } else {
            metrics.refused(typeOf(body), response.getStatus(), reasonOf(answer));
        }
        if (response.getStatus() < 300 && request.getProperty(STARTED) instanceof Long started) {
            metrics.latency(resource.getMethodName().equals("record") ? "event" : "batch", Duration.ofNanos(System.nanoTime() - started));
        }
    }

    /** Each event of a batch answered, as its own result says. */
    static void countItems(EventMetrics metrics, List<JsonNode> items, List<BatchItemResult> results) {
        for (BatchItemResult result : results) {
            String type = result.index() < items.size() ? typeOf(items.get(result.index())) : EventMetrics.UNKNOWN;
            if (result.event() != null) {
                metrics.accepted(type, result.event(), result.status() == 201);
            } else {
                metrics.refused(type, result.status(), reasonOf(result.problem()));
            }
        }
    }

    /** Each event of a batch refused as a whole. */
    static void refusedBatch(EventMetrics metrics, BatchRequest items, int status, Object answer) {
        items.events().forEach(item -> metrics.refused(typeOf(item), status, reasonOf(answer)));
    }

    private static boolean isEventRoute(SimpleResourceInfo resource) {
        return resource != null && resource.getResourceClass() == EventResource.class
                && (resource.getMethodName().equals("record") || resource.getMethodName().equals("recordBatch"));
    }

    /** Called by the endpoint: the body as it read it, for the type of each event counted. */
    static void remember(RoutingContext routing, Object body) {
        routing.put(BODY, body);
    }

    static String typeOf(Object body) {
        if (body instanceof EventRequest event && event.type() != null) {
            return event.type().name();
        }
        if (body instanceof JsonNode item && item.path("type").isTextual()) {
            for (EventType type : EventType.values()) {
                if (type.name().equals(item.path("type").textValue())) {
                    return type.name();
                }
            }
        }
        return EventMetrics.UNKNOWN;
    }

    static String reasonOf(Object answer) {
        // "/problems/rate-limited" counts as "rate-limited"
        return answer instanceof Problem problem && problem.type() != null
                ? problem.type().substring(problem.type().lastIndexOf('/') + 1)
                : EventMetrics.UNKNOWN;
    }
}
