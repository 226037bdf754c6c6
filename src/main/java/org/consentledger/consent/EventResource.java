package org.consentledger.consent;

import java.net.URI;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
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

import org.consentledger.edge.ClientOrigin;
import org.consentledger.edge.ClientOrigins;
import org.consentledger.edge.RateLimits;
import org.consentledger.notice.BannerCors;
import org.consentledger.notice.SiteNotice;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import com.fasterxml.jackson.core.JsonProcessingException;

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

    @Inject EventIntake intake;
    @Inject EventService events;
    @Inject VisitorConsentService visitors;
    @Inject BannerCors cors;
    @Inject ClientOrigins origins;
    @Inject RateLimits limits;

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
        URI base = uri.getBaseUri();
        return intake.record(siteKey, routing.body().buffer(), http, headers::getHeaderString,
                request -> EventMetricsFilter.remember(routing, request))
                .thenApply(accepted -> accepted.recorded().created()
                        ? Response.created(base.resolve(accepted.path().substring(1))).entity(accepted.recorded().response()).build()
                        : Response.ok(accepted.recorded().response()).build());
    }

    /** Served by {@link EventRoute} for a JSON body; here are its OpenAPI entry and the 415 and 406 answers. */
    @Operation(summary = "Record up to 100 consent events", description = "Public: no token. A browser may call it only from one of the site's origins.")
    @APIResponse(responseCode = "200", description = "Each event's own status, and its record or problem")
    @APIResponse(responseCode = "400", description = "Not JSON, or events missing, empty or over 100")
    @APIResponse(responseCode = "403", description = "Origin not allowed")
    @APIResponse(responseCode = "404", description = "Unknown site")
    @APIResponse(responseCode = "429", description = "Rate-limited, with Retry-After; nothing recorded")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = BatchRequest.class)))
    @POST
    @Path("/events/batch")
    @Consumes(MediaType.APPLICATION_JSON)
    public CompletionStage<BatchRecorder.BatchResponse> recordBatch(@PathParam("siteKey") String siteKey,
            @Context HttpHeaders headers, @Context HttpServerRequest http, @Context RoutingContext routing)
            throws JsonProcessingException {
        return intake.recordBatch(siteKey, routing.body().buffer(), http, headers::getHeaderString,
                request -> EventMetricsFilter.remember(routing, request));
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
        intake.admit(route, site, client, cost, headers.getHeaderString("Origin"));
        return site;
    }
}
