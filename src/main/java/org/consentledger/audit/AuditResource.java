package org.consentledger.audit;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import org.consentledger.common.KeysetPage;
import org.consentledger.common.Params;
import org.consentledger.ledger.evidence.EvidenceService;
import org.consentledger.security.Roles;
import org.consentledger.security.SiteScope;
import org.consentledger.site.Site;
import org.consentledger.site.SiteRepository;

/**
 * What auditors read: events page by page, full exports, one visitor's history, and a summary.
 * A scoped auditor reads only its own sites; every other site is not found.
 */
@Path("/api/v1/audit/sites/{siteKey}")
@RolesAllowed({ Roles.AUDITOR, Roles.AUDITOR_SCOPED })
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "jwt")
public class AuditResource {

    static final int MAX_PAGE = 1000;

    @Inject AuditService audit;
    @Inject EventExport export;
    @Inject EvidenceService evidence;
    @Inject SiteRepository sites;
    @Inject SiteScope scope;

    @Operation(summary = "Page through a site's events", description = "Role: `auditor`, or `auditor:<siteKey>` on that site (another site's key answers 404).")
    @APIResponse(responseCode = "200", description = "OK")
    @APIResponse(responseCode = "400", description = "A bad filter; the problem names it")
    @APIResponse(responseCode = "404", description = "Not found")
    @GET
    @Path("/events")
    public KeysetPage<AuditEvent> events(@PathParam("siteKey") String siteKey, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("type") String type, @QueryParam("eea") String eea,
            @QueryParam("country") String country, @QueryParam("regime") String regime,
            @QueryParam("visitorId") String visitorId, @QueryParam("documentVersionId") String documentVersionId,
            @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        scope.requireSite(Roles.AUDITOR, siteKey);
        EventFilter filter = EventFilter.parse(from, to, type, eea, country, regime, visitorId, documentVersionId);
        return audit.events(siteKey, filter, Params.intInRange("limit", limit, 100, 1, MAX_PAGE), cursor);
    }

    @Operation(summary = "Export a site's events as CSV or NDJSON", description = "Role: `auditor`, or `auditor:<siteKey>` on that site (another site's key answers 404).")
    @APIResponse(responseCode = "200", description = "Streamed, with Content-Disposition: attachment")
    @APIResponse(responseCode = "400", description = "Invalid request; the problem names the field")
    @APIResponse(responseCode = "404", description = "Not found")
    @GET
    @Path("/events/export")
    @Produces({ "text/csv", "application/x-ndjson" })
    public Response exportEvents(@PathParam("siteKey") String siteKey, @QueryParam("format") String format,
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("type") String type,
            @QueryParam("eea") String eea, @QueryParam("country") String country, @QueryParam("regime") String regime,
            @QueryParam("visitorId") String visitorId, @QueryParam("documentVersionId") String documentVersionId) {
        scope.requireSite(Roles.AUDITOR, siteKey);
        EventExport.Format chosen = format == null ? EventExport.Format.CSV
                : Params.enumValue("format", format, EventExport.Format.class);
        EventFilter filter = EventFilter.parse(from, to, type, eea, country, regime, visitorId, documentVersionId);
        UUID siteId = export.siteId(siteKey);
        StreamingOutput body = out -> export.write(siteId, filter, chosen, out);
        String extension = chosen == EventExport.Format.CSV ? "csv" : "ndjson";
        return Response.ok(body, chosen == EventExport.Format.CSV ? "text/csv; charset=utf-8" : "application/x-ndjson")
                .header("Content-Disposition", "attachment; filename=\"" + siteKey + "-events." + extension + "\"")
                .build();
    }

    @Operation(summary = "A visitor's history on a site", description = "Role: `auditor`, or `auditor:<siteKey>` on that site (another site's key answers 404).")
    @APIResponse(responseCode = "200", description = "OK")
    @APIResponse(responseCode = "400", description = "Invalid request; the problem names the field")
    @APIResponse(responseCode = "404", description = "Not found")
    @GET
    @Path("/visitors/{visitorId}/history")
    public VisitorHistory history(@PathParam("siteKey") String siteKey, @PathParam("visitorId") String visitorId) {
        scope.requireSite(Roles.AUDITOR, siteKey);
        UUID visitor = Params.requiredUuid("visitorId", visitorId);
        return audit.history(siteKey, visitor);
    }

    /** Everything needed to settle a dispute about this visitor offline: see docs/ledger.md, "Verifying the ledger". */
    @Operation(summary = "A visitor's evidence package", description = "Role: `auditor`, or `auditor:<siteKey>` on that site (another site's key answers 404).")
    @APIResponse(responseCode = "200", description = "The evidence package")
    @APIResponse(responseCode = "400", description = "Invalid request; the problem names the field")
    @APIResponse(responseCode = "404", description = "Unknown site or visitor, or no checkpoint signed or witnessed yet")
    @GET
    @Path("/visitors/{visitorId}/evidence")
    public Response evidence(@PathParam("siteKey") String siteKey, @PathParam("visitorId") String visitorId) {
        scope.requireSite(Roles.AUDITOR, siteKey);
        UUID visitor = Params.requiredUuid("visitorId", visitorId);
        Site site = sites.require(siteKey);
        return Response.ok(evidence.packageFor(siteKey, site.id, visitor), MediaType.APPLICATION_JSON)
                .header("Content-Disposition", "attachment; filename=\"evidence-" + visitor + ".json\"").build();
    }

    @Operation(summary = "Summary of a site's events", description = "Role: `auditor`, or `auditor:<siteKey>` on that site (another site's key answers 404).")
    @APIResponse(responseCode = "200", description = "OK")
    @APIResponse(responseCode = "400", description = "Invalid request; the problem names the field")
    @APIResponse(responseCode = "404", description = "Not found")
    @GET
    @Path("/summary")
    public Summary summary(@PathParam("siteKey") String siteKey, @QueryParam("from") String from,
            @QueryParam("to") String to) {
        scope.requireSite(Roles.AUDITOR, siteKey);
        EventFilter period = EventFilter.parse(from, to, null, null, null, null, null, null);
        return audit.summary(siteKey, period.from(), period.to());
    }
}
