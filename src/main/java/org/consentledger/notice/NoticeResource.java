package org.consentledger.notice;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import java.nio.charset.StandardCharsets;
import java.util.function.UnaryOperator;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;

import org.consentledger.common.Hashing;
import org.consentledger.edge.ClientOrigin;
import org.consentledger.edge.ClientOrigins;
import org.consentledger.edge.RateLimits;
import org.consentledger.jurisdiction.Jurisdiction;
import org.consentledger.jurisdiction.JurisdictionResolver;

import io.vertx.core.http.HttpServerRequest;

/** The banner's first call: which notice to show this visitor. Rate-limited per client prefix and per site. */
@Path("/api/v1/sites/{siteKey}/notice")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
public class NoticeResource {

    static final String ROUTE = "GET /api/v1/sites/{siteKey}/notice";

    @Inject NoticeRequests requests;
    @Inject JurisdictionResolver jurisdictions;
    @Inject BannerCors cors;
    @Inject ClientOrigins origins;
    @Inject RateLimits limits;

    @Operation(summary = "The notice the banner shows", description = "Public: no token. A browser may call it only from one of the site's origins.")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = Notice.class)))
    @APIResponse(responseCode = "304", description = "Not modified (If-None-Match)")
    @APIResponse(responseCode = "400", description = "lang is not a language tag")
    @APIResponse(responseCode = "403", description = "Origin not allowed")
    @APIResponse(responseCode = "404", description = "Unknown site")
    @APIResponse(responseCode = "429", description = "Rate-limited, with Retry-After")
    @APIResponse(responseCode = "503", description = "Unavailable, with Retry-After")
    @GET
    public Response notice(@PathParam("siteKey") String siteKey, @QueryParam("lang") String lang,
            @Context HttpHeaders headers, @Context Request request, @Context HttpServerRequest http) {
        ClientOrigin client = origins.of(http);
        limits.admitClient(ROUTE, client, 1);
        UnaryOperator<String> header = headers::getHeaderString;
        Notice notice = requests.render(siteKey, jurisdictions.resolve(header, client.viaTrustedProxy()), lang, header, client);
        EntityTag etag = new EntityTag(etag(notice));
        CacheControl revalidate = new CacheControl();
        revalidate.setNoCache(true);
        Response.ResponseBuilder notModified = request.evaluatePreconditions(etag);
        Response.ResponseBuilder response = notModified != null ? notModified
                : Response.ok(notice);
        response.tag(etag).cacheControl(revalidate).header(HttpHeaders.VARY, requests.vary());
        return response.build();
    }

    @Operation(summary = "CORS preflight for the notice", description = "Public: no token.")
    @APIResponse(responseCode = "204", description = "Preflight answered for a listed origin")
    @APIResponse(responseCode = "403", description = "Origin not allowed")
    @APIResponse(responseCode = "404", description = "Unknown site")
    @OPTIONS
    public Response preflight(@PathParam("siteKey") String siteKey, @Context HttpHeaders headers,
            @Context HttpServerRequest http) {
        return cors.preflight(siteKey, headers, origins.of(http));
    }

    /**
     * The noticeId covers what is shown; the jurisdiction, also in the body, is the visitor's, and
     * the signals are the site's settings.
     */
    static String etag(Notice notice) {
        Jurisdiction jurisdiction = notice.jurisdiction();
        String basis = notice.noticeId() + '|' + jurisdiction.country() + '|' + jurisdiction.region() + '|'
                + jurisdiction.eea() + '|' + jurisdiction.source() + '|' + notice.signals();
        return Hashing.sha256Hex(basis.getBytes(StandardCharsets.UTF_8)).substring(0, 32);
    }
}
