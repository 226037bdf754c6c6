package org.consentledger.consent;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

import jakarta.annotation.security.PermitAll;
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
import org.consentledger.common.Problem;
import org.consentledger.common.ProblemMappers;
import org.consentledger.jurisdiction.JurisdictionResolver;
import org.consentledger.notice.BannerCors;
import org.consentledger.notice.SiteNotice;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;
import io.smallrye.common.annotation.Blocking;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;

/** The banner's write path, and its read of the visitor's standing consent. Public and anonymous. */
@Path("/api/v1/sites/{siteKey}")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
public class EventResource {

    private final EventService events;
    private final VisitorConsentService visitors;
    private final JurisdictionResolver jurisdictions;
    private final BannerCors cors;
    private final Validator validator;
    private final ObjectMapper json;

    EventResource(EventService events, VisitorConsentService visitors, JurisdictionResolver jurisdictions,
            BannerCors cors, Validator validator, ObjectMapper json) {
        this.events = events;
        this.visitors = visitors;
        this.jurisdictions = jurisdictions;
        this.cors = cors;
        this.validator = validator;
        this.json = json;
    }

    @POST
    @Path("/events")
    @Consumes(MediaType.APPLICATION_JSON)
    @Blocking
    public CompletionStage<Response> record(@PathParam("siteKey") String siteKey, @NotNull @Valid EventRequest request,
            @Context HttpHeaders headers, @Context HttpServerRequest http, @Context UriInfo uri) {
        SiteNotice site = events.site(siteKey);
        cors.requireAllowedOrigin(site, headers);
        URI location = uri.getBaseUriBuilder().path("api/v1/sites").path(siteKey).path("events")
                .path(request.eventId().toString()).build();
        // The worker thread is free while the group commit runs; the answer is built back on the
        // request's own Vert.x context, never on the writer thread.
        io.vertx.core.Context requestContext = Vertx.currentContext();
        return events.record(site, request, facts(headers, http)).thenApplyAsync(recorded -> recorded.created()
                ? Response.created(location).entity(recorded.response()).build()
                : Response.ok(recorded.response()).build(), task -> requestContext.runOnContext(ignored -> task.run()));
    }

    @POST
    @Path("/events/batch")
    @Consumes(MediaType.APPLICATION_JSON)
    public BatchResponse recordBatch(@PathParam("siteKey") String siteKey,
            @NotNull @Valid BatchRequest request, @Context HttpHeaders headers, @Context HttpServerRequest http) {
        SiteNotice site = events.site(siteKey);
        cors.requireAllowedOrigin(site, headers);
        RequestFacts facts = facts(headers, http);
        List<CompletableFuture<BatchItemResult>> results = new ArrayList<>();
        for (int i = 0; i < request.events().size(); i++) {
            results.add(recordOne(site, i, request.events().get(i), facts));
        }
        return new BatchResponse(results.stream().map(CompletableFuture::join).toList());
    }

    public record BatchResponse(List<BatchItemResult> results) {
    }

    @GET
    @Path("/visitors/{visitorId}/consent")
    public VisitorConsent consent(@PathParam("siteKey") String siteKey, @PathParam("visitorId") UUID visitorId,
            @Context HttpHeaders headers) {
        SiteNotice site = events.site(siteKey);
        cors.requireAllowedOrigin(site, headers);
        return visitors.consent(site, visitorId);
    }

    @OPTIONS
    @Path("/{any: .+}")
    public Response preflight(@PathParam("siteKey") String siteKey, @Context HttpHeaders headers) {
        return cors.preflight(siteKey, headers);
    }

    /** Each event of a batch stands alone: its own reading, validation, outcome and status. */
    private CompletableFuture<BatchItemResult> recordOne(SiteNotice site, int index, JsonNode body, RequestFacts facts) {
        if (!body.isObject()) {
            return CompletableFuture.completedFuture(BatchItemResult.notAnObject(index));
        }
        EventRequest item;
        try {
            item = json.treeToValue(body, EventRequest.class);
        } catch (JsonProcessingException e) {
            return CompletableFuture.completedFuture(BatchItemResult.unreadable(index, body, e));
        }
        Set<ConstraintViolation<EventRequest>> violations = validator.validate(item);
        try {
            if (!violations.isEmpty()) {
                throw new ConstraintViolationException(violations);
            }
            return events.record(site, item, facts).toCompletableFuture()
                    .thenApply(recorded -> new BatchItemResult(index, item.eventId(), recorded.created() ? 201 : 200,
                            recorded.response(), null))
                    .exceptionally(failure -> failed(index, item, failure));
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(failed(index, item, e));
        }
    }

    private static BatchItemResult failed(int index, EventRequest item, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        Problem problem;
        if (cause instanceof ApiException api) {
            problem = ProblemMappers.problemOf(api, null);
        } else if (cause instanceof ConstraintViolationException violation) {
            problem = ProblemMappers.problemOf(violation, null);
        } else {
            Log.errorf(cause, "Could not record batch event %s", item.eventId());
            problem = ProblemMappers.internalErrorProblem();
        }
        return new BatchItemResult(index, item.eventId(), problem.status(), null, problem);
    }

    private RequestFacts facts(HttpHeaders headers, HttpServerRequest http) {
        String address = http.remoteAddress() == null ? null : http.remoteAddress().hostAddress();
        String userAgent = headers.getHeaderString(HttpHeaders.USER_AGENT);
        if (userAgent != null && userAgent.length() > 512) {
            userAgent = userAgent.substring(0, 512);
        }
        return new RequestFacts(jurisdictions.resolve(headers), ClientAddresses.truncate(address), userAgent,
                "1".equals(headers.getHeaderString("Sec-GPC")));
    }
}
