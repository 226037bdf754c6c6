package org.consentledger.consent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
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
import org.consentledger.notice.BannerCors;
import org.consentledger.notice.SiteNotice;
import org.eclipse.microprofile.context.ManagedExecutor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;

/**
 * A single banner event from its body to its acknowledgement, whichever HTTP layer carried it
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

    /**
     * Records the event in {@code body}. Throws, or fails the stage, with what the problem mappers
     * answer; the stage completes on the request's own Vert.x context, after the commit.
     * {@code parsed} receives the event as soon as it is read, for the metrics.
     */
    CompletionStage<Accepted> record(String siteKey, Buffer body, HttpServerRequest http, UnaryOperator<String> header,
            Consumer<EventRequest> parsed) throws JsonProcessingException {
        EventRequest request = read(body);
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
            return onRequestContext(recording.apply(inMemory.get()));
        }
        return onRequestContext(workers.supplyAsync(() -> recording.apply(events.load(siteKey)))
                .thenCompose(Function.identity()));
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

    /** The event in the body, read and checked as the framework would check a parameter. */
    private EventRequest read(Buffer body) throws JsonProcessingException {
        EventRequest request;
        try {
            request = body == null || body.length() == 0 ? null : json.readValue(body.getBytes(), EventRequest.class);
        } catch (JsonProcessingException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException("reading bytes held in memory", e);
        }
        if (request == null) {
            throw ApiException.invalid("body", "must be a JSON object: the event");
        }
        Set<ConstraintViolation<EventRequest>> violations = validator.validate(request);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        return request;
    }

    /**
     * Continues on the request's own Vert.x context, never on the writer thread or a timer's,
     * whether the stage succeeded or failed.
     */
    static <T> CompletionStage<T> onRequestContext(CompletionStage<T> stage) {
        io.vertx.core.Context requestContext = Vertx.currentContext();
        Executor onContext = task -> requestContext.runOnContext(ignored -> task.run());
        return stage.handleAsync((value, failure) -> {
            if (failure != null) {
                throw failure instanceof CompletionException completion ? completion : new CompletionException(failure);
            }
            return value;
        }, onContext);
    }
}
