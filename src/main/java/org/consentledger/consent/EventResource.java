package org.consentledger.consent;

import java.net.URI;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
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

import org.consentledger.edge.ClientOrigin;
import org.consentledger.edge.ClientOrigins;
import org.consentledger.edge.RateLimits;
import org.consentledger.jurisdiction.JurisdictionResolver;
import org.consentledger.notice.BannerCors;
import org.consentledger.notice.SiteNotice;

import io.smallrye.common.annotation.Blocking;

import io.vertx.core.Vertx;
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

    private final EventService events;
    private final VisitorConsentService visitors;
    private final JurisdictionResolver jurisdictions;
    private final BannerCors cors;
    private final BatchRecorder batches;
    private final ClientOrigins origins;
    private final RateLimits limits;

    EventResource(EventService events, VisitorConsentService visitors, JurisdictionResolver jurisdictions,
            BannerCors cors, BatchRecorder batches, ClientOrigins origins, RateLimits limits) {
        this.events = events;
        this.visitors = visitors;
        this.jurisdictions = jurisdictions;
        this.cors = cors;
        this.batches = batches;
        this.origins = origins;
        this.limits = limits;
    }

    @POST
    @Path("/events")
    @Consumes(MediaType.APPLICATION_JSON)
    @Blocking
    public CompletionStage<Response> record(@PathParam("siteKey") String siteKey, @NotNull @Valid EventRequest request,
            @Context HttpHeaders headers, @Context HttpServerRequest http, @Context UriInfo uri, @Context RoutingContext routing) {
        EventMetricsFilter.remember(routing, request);
        ClientOrigin client = origins.of(http);
        SiteNotice site = admitted(EVENTS, siteKey, client, 1, headers);
        URI location = uri.getBaseUriBuilder().path("api/v1/sites").path(siteKey).path("events")
                .path(request.eventId().toString()).build();
        return onRequestContext(events.record(site, request, facts(headers, client)).thenApply(recorded -> recorded.created()
                ? Response.created(location).entity(recorded.response()).build()
                : Response.ok(recorded.response()).build()));
    }

    /** Like a single event, the worker thread is free while the group commit runs. */
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

    @GET
    @Path("/visitors/{visitorId}/consent")
    public VisitorConsent consent(@PathParam("siteKey") String siteKey, @PathParam("visitorId") UUID visitorId,
            @Context HttpHeaders headers, @Context HttpServerRequest http) {
        SiteNotice site = admitted(CONSENT, siteKey, origins.of(http), 1, headers);
        return visitors.consent(site, visitorId);
    }

    @OPTIONS
    @Path("/{any: .+}")
    public Response preflight(@PathParam("siteKey") String siteKey, @Context HttpHeaders headers) {
        return cors.preflight(siteKey, headers);
    }

    /** The site, once the client's and the site's limits have room and the origin is allowed. */
    private SiteNotice admitted(String route, String siteKey, ClientOrigin client, int cost, HttpHeaders headers) {
        limits.admitClient(route, client, cost);
        SiteNotice site = events.site(siteKey);
        limits.admitSite(route, client, site.siteKey(), cost);
        cors.requireAllowedOrigin(site, headers);
        return site;
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

    private RequestFacts facts(HttpHeaders headers, ClientOrigin client) {
        String userAgent = headers.getHeaderString(HttpHeaders.USER_AGENT);
        if (userAgent != null && userAgent.length() > 512) {
            userAgent = userAgent.substring(0, 512);
        }
        return new RequestFacts(jurisdictions.resolve(headers, client.viaTrustedProxy()), client.prefix(), userAgent,
                "1".equals(headers.getHeaderString("Sec-GPC")));
    }
}
