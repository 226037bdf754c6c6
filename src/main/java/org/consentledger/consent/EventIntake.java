package org.consentledger.consent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;

import org.consentledger.common.ApiException;
import org.consentledger.edge.ClientOrigin;
import org.consentledger.edge.ClientOrigins;
import org.consentledger.edge.RateLimits;
import org.consentledger.jurisdiction.JurisdictionResolver;
import org.consentledger.notice.BannerAnswers;
import org.consentledger.notice.BannerCors;
import org.consentledger.notice.SiteNotice;
import org.eclipse.microprofile.context.ManagedExecutor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;

/**
 * A banner event, or a batch of them, from its body to its acknowledgement, whichever HTTP layer carried it
 * ({@link EventRoute}, or {@link EventResource} for what the route leaves to the framework): the
 * client's limit, the body read and checked, the site's origin and limit, the event recorded.
 * Everything it needs comes from the request's headers, so it knows nothing of either layer.
 */
@ApplicationScoped
class EventIntake {

    private static final int MAX_USER_AGENT = 512;

    /** An acknowledged event and the path of its record. */
    record Accepted(EventService.Recorded recorded, String path) {
    }

    @Inject EventService events;
    @Inject JurisdictionResolver jurisdictions;
    @Inject BannerCors cors;
    @Inject ClientOrigins origins;
    @Inject RateLimits limits;
    @Inject ObjectMapper json;
    @Inject Validator validator;
    @Inject ManagedExecutor workers;
    @Inject BatchRecorder batches;

    /**
     * Records the event in {@code body}. Throws, or fails the stage, with what the problem mappers
     * answer; the stage completes on the request's own Vert.x context, after the commit.
     * {@code parsed} receives the event as soon as it is read, for the metrics.
     */
    CompletionStage<Accepted> record(String siteKey, Buffer body, HttpServerRequest http, UnaryOperator<String> header,
            Consumer<EventRequest> parsed) throws JsonProcessingException {
        EventRequest request = read(body, EventRequest.class, "the event");
        parsed.accept(request);
        ClientOrigin client = origins.of(http);
        limits.admitClient(EventResource.EVENTS, client, 1);
        RequestFacts facts = facts(header, client);
        Function<EventService.Inputs, CompletionStage<Accepted>> recording = inputs -> {
            SiteNotice site = inputs.site();
            admit(EventResource.EVENTS, site, client, 1, header.apply("Origin"));
            // Site keys are [a-z0-9-] and the eventId a UUID: nothing to encode.
            String path = "/api/v1/sites/" + site.siteKey() + "/events/" + request.eventId();
            return events.record(inputs, request, facts).thenApply(recorded -> new Accepted(recorded, path));
        };
        // On the event loop when everything it needs is in memory: no hop to a worker thread and back.
        // It records with the very entries it found, which may expire meanwhile: never a read here.
        Optional<EventService.Inputs> inMemory = events.inMemory(siteKey, request, facts);
        if (inMemory.isPresent()) {
            return BannerAnswers.onRequestContext(recording.apply(inMemory.get()));
        }
        return BannerAnswers.onRequestContext(workers.supplyAsync(() -> recording.apply(events.load(siteKey)))
                .thenCompose(Function.identity()));
    }

    /**
     * Records each event of the batch in {@code body} on its own, as {@link BatchRecorder} does.
     * The batch as a whole is read, its client's limit and then its site's origin and limit
     * checked, as for one event; the site is read, and the events recorded, on a worker thread,
     * since an event may need the visitor's history. The stage completes on the request's own
     * Vert.x context.
     */
    CompletionStage<BatchRecorder.BatchResponse> recordBatch(String siteKey, Buffer body, HttpServerRequest http,
            UnaryOperator<String> header, Consumer<BatchRequest> parsed) throws JsonProcessingException {
        BatchRequest request = read(body, BatchRequest.class, "the batch: {\"events\": [...]}");
        parsed.accept(request);
        ClientOrigin client = origins.of(http);
        int cost = request.events().size();
        limits.admitClient(EventResource.BATCH, client, cost);
        RequestFacts facts = facts(header, client);
        return BannerAnswers.onRequestContext(workers.supplyAsync(() -> {
            SiteNotice site = events.load(siteKey).site();
            admit(EventResource.BATCH, site, client, cost, header.apply("Origin"));
            return batches.record(site, request, facts);
        }).thenCompose(Function.identity()));
    }

    /** What the server itself observes of the request, as opposed to what the body claims. */
    RequestFacts facts(UnaryOperator<String> header, ClientOrigin client) {
        String userAgent = header.apply("User-Agent");
        if (userAgent != null && userAgent.length() > MAX_USER_AGENT) {
            userAgent = userAgent.substring(0, MAX_USER_AGENT);
        }
        return new RequestFacts(jurisdictions.resolve(header, client.viaTrustedProxy()), client.prefix(), userAgent,
                "1".equals(header.apply("Sec-GPC")));
    }

    /**
     * Returns once the origin is allowed and the site's limit has room; the client's limit was
     * checked before. The origin first: a call from a page the site does not list must not spend
     * the site's budget, or any page on the web could lock the site's own visitors out.
     */
    void admit(String route, SiteNotice site, ClientOrigin client, int cost, String origin) {
        cors.requireAllowedOrigin(site, origin, client);
        limits.admitSite(route, client, site.siteKey(), cost);
    }

    /** The body, read and checked as the framework would check a parameter. {@code what}: what it must be. */
    private <T> T read(Buffer body, Class<T> type, String what) throws JsonProcessingException {
        T request;
        try {
            request = body == null || body.length() == 0 ? null : json.readValue(body.getBytes(), type);
        } catch (JsonProcessingException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException("reading bytes held in memory", e);
        }
        if (request == null) {
            throw ApiException.invalid("body", "must be a JSON object: " + what);
        }
        Set<ConstraintViolation<T>> violations = validator.validate(request);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        return request;
    }
}
