package org.consentledger.consent;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Function;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

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

import io.smallrye.common.annotation.Blocking;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * The banner's write path, and its read of the visitor's standing consent. Public and anonymous,
 * and rate-limited per client prefix and per site: an event costs one token, a batch one per event.
 */
@Path("/api/v1/sites/{siteKey}")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
public class EventResource {

    static final String EVENTS = "POST /api/v1/sites/{siteKey}/events";
    static final String BATCH = "POST /api/v1/sites/{siteKey}/events/batch";
    static final String CONSENT = "GET /api/v1/sites/{siteKey}/visitors/{visitorId}/consent";

    @Inject EventService events;
    @Inject VisitorConsentService visitors;
    @Inject JurisdictionResolver jurisdictions;
    @Inject BannerCors cors;
    @Inject BatchRecorder batches;
    @Inject ClientOrigins origins;
    @Inject RateLimits limits;
    @Inject ObjectMapper json;
    @Inject Validator validator;
    @Inject ManagedExecutor workers;

    @Operation(summary = "Record a consent event", description = "Public: no token. A browser may call it only from one of the site's origins.")
    @APIResponse(responseCode = "201", description = "Recorded, with its receipt", content = @Content(schema = @Schema(implementation = EventResponse.class)))
    @APIResponse(responseCode = "200", description = "A replay: the original record, with a receipt of the same statement signed alone", content = @Content(schema = @Schema(implementation = EventResponse.class)))
    @APIResponse(responseCode = "400", description = "Invalid request; the problem names the field")
    @APIResponse(responseCode = "403", description = "Origin not allowed")
    @APIResponse(responseCode = "404", description = "Unknown site")
    @APIResponse(responseCode = "409", description = "The eventId was recorded with a different body")
    @APIResponse(responseCode = "429", description = "Rate-limited, with Retry-After; nothing recorded")
    @APIResponse(responseCode = "503", description = "Queue full, commit too slow, or database unavailable; nothing acknowledged")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = EventRequest.class)))
    @POST
    @Path("/events")
    @Consumes(MediaType.APPLICATION_JSON)
    public CompletionStage<Response> record(@PathParam("siteKey") String siteKey, @Context HttpHeaders headers,
            @Context HttpServerRequest http, @Context UriInfo uri, @Context RoutingContext routing)
            throws JsonProcessingException {
        EventRequest request = eventIn(routing);
        EventMetricsFilter.remember(routing, request);
        ClientOrigin client = origins.of(http);
        limits.admitClient(EVENTS, client, 1);
        RequestFacts facts = facts(headers, client);
        URI base = uri.getBaseUri();
        Function<EventService.Inputs, CompletionStage<Response>> recording = inputs -> {
            SiteNotice site = inputs.site();
            admit(EVENTS, site, client, 1, headers);
            // Site keys are [a-z0-9-] and the eventId a UUID: nothing to encode. The UriBuilder's path
            // encoding took about a tenth of the service's non-signing CPU per event.
            URI location = base.resolve("api/v1/sites/" + site.siteKey() + "/events/" + request.eventId());
            return events.record(inputs, request, facts).thenApply(recorded -> recorded.created()
                    ? Response.created(location).entity(recorded.response()).build()
                    : Response.ok(recorded.response()).build());
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

    /** Like a single event, the worker thread is free while the group commit runs. */
    @Operation(summary = "Record up to 100 consent events", description = "Public: no token. A browser may call it only from one of the site's origins.")
    @APIResponse(responseCode = "200", description = "Each event's own status, and its record or problem")
    @APIResponse(responseCode = "400", description = "Not JSON, or events missing, empty or over 100")
    @APIResponse(responseCode = "403", description = "Origin not allowed")
    @APIResponse(responseCode = "404", description = "Unknown site")
    @APIResponse(responseCode = "429", description = "Rate-limited, with Retry-After; nothing recorded")
    @POST
    @Path("/events/batch")
    @Consumes(MediaType.APPLICATION_JSON)
    @Blocking
    public CompletionStage<BatchRecorder.BatchResponse> recordBatch(@PathParam("siteKey") String siteKey,
            @NotNull @Valid BatchRequest request, @Context HttpHeaders headers, @Context HttpServerRequest http,
            @Context RoutingContext routing) {
        EventMetricsFilter.remember(routing, request);
        ClientOrigin client = origins.of(http);
        SiteNotice site = admitted(BATCH, siteKey, client, request.events().size(), headers);
        return onRequestContext(batches.record(site, request, facts(headers, client)));
    }

    @Operation(summary = "A visitor's standing consent", description = "Public: no token. A browser may call it only from one of the site's origins.")
    @APIResponse(responseCode = "200", description = "OK")
    @APIResponse(responseCode = "403", description = "Origin not allowed")
    @APIResponse(responseCode = "404", description = "Unknown site")
    @APIResponse(responseCode = "429", description = "Rate-limited, with Retry-After")
    @APIResponse(responseCode = "503", description = "Unavailable, with Retry-After")
    @GET
    @Path("/visitors/{visitorId}/consent")
    public VisitorConsent consent(@PathParam("siteKey") String siteKey, @PathParam("visitorId") UUID visitorId,
            @Context HttpHeaders headers, @Context HttpServerRequest http) {
        SiteNotice site = admitted(CONSENT, siteKey, origins.of(http), 1, headers);
        return visitors.consent(site, visitorId);
    }

    @Operation(summary = "CORS preflight for the events and consent endpoints", description = "Public: no token.")
    @APIResponse(responseCode = "204", description = "Preflight answered for a listed origin")
    @APIResponse(responseCode = "403", description = "Origin not allowed")
    @APIResponse(responseCode = "404", description = "Unknown site")
    @OPTIONS
    @Path("/{any: .+}")
    public Response preflight(@PathParam("siteKey") String siteKey, @Context HttpHeaders headers,
            @Context HttpServerRequest http) {
        return cors.preflight(siteKey, headers, origins.of(http));
    }

    /** The site, once the client's limit has room, the origin is allowed and the site's limit has room. */
    private SiteNotice admitted(String route, String siteKey, ClientOrigin client, int cost, HttpHeaders headers) {
        limits.admitClient(route, client, cost);
        SiteNotice site = events.site(siteKey);
        admit(route, site, client, cost, headers);
        return site;
    }

    /**
     * Returns once the origin is allowed and the site's limit has room; the client's limit was
     * checked before. The origin first: a call from a page the site does not list must not spend
     * the site's budget, or any page on the web could lock the site's own visitors out.
     */
    private void admit(String route, SiteNotice site, ClientOrigin client, int cost, HttpHeaders headers) {
        cors.requireAllowedOrigin(site, headers, client);
        limits.admitSite(route, client, site.siteKey(), cost);
    }

    /**
     * Continues on the request's own Vert.x context, never on the writer thread or a timer's,
     * whether the stage succeeded or failed.
     */
    private static <T> CompletionStage<T> onRequestContext(CompletionStage<T> stage) {
        io.vertx.core.Context requestContext = Vertx.currentContext();
        Executor onContext = task -> requestContext.runOnContext(ignored -> task.run());
        return stage.handleAsync((value, failure) -> {
            if (failure != null) {
                throw failure instanceof CompletionException completion ? completion : new CompletionException(failure);
            }
            return value;
        }, onContext);
    }

    /**
     * The event in the body, read and checked as the framework would: BodyReader has read the body
     * on the event loop, and the framework hands it only to blocking endpoints.
     */
    private EventRequest eventIn(RoutingContext routing) throws JsonProcessingException {
        Buffer body = routing.body().buffer();
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

    private RequestFacts facts(HttpHeaders headers, ClientOrigin client) {
        String userAgent = headers.getHeaderString(HttpHeaders.USER_AGENT);
        if (userAgent != null && userAgent.length() > 512) {
            userAgent = userAgent.substring(0, 512);
        }
        return new RequestFacts(jurisdictions.resolve(headers, client.viaTrustedProxy()), client.prefix(), userAgent,
                "1".equals(headers.getHeaderString("Sec-GPC")));
    }
}
