package org.consentledger.audit;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.consentledger.common.ApiException;
import org.consentledger.common.Params;
import org.consentledger.security.Roles;
import org.consentledger.security.SiteScope;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** Figures over time for the console's charts: events and grants per day, and re-consent to a policy version. */
@Path("/api/v1/audit/sites/{siteKey}")
@RolesAllowed({ Roles.AUDITOR, Roles.AUDITOR_SCOPED })
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "jwt")
public class AuditTrendResource {

    @Inject TimeseriesService timeseries;
    @Inject ReconsentService reconsent;
    @Inject SiteScope scope;
    @Inject Clock clock;

    @Operation(summary = "A site's events and grants per UTC day", description = "Role: `auditor`, or `auditor:<siteKey>` on that site (another site's key answers 404).")
    @APIResponse(responseCode = "200", description = "Every day of the range, zero-filled")
    @APIResponse(responseCode = "400", description = "Bad from, to or bucket; the problem names it")
    @APIResponse(responseCode = "404", description = "Not found")
    @GET
    @Path("/timeseries")
    public Timeseries timeseries(@PathParam("siteKey") String siteKey, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("bucket") String bucket) {
        scope.requireSite(Roles.AUDITOR, siteKey);
        if (bucket != null && !bucket.isBlank() && !bucket.trim().equals("day")) {
            throw ApiException.invalid("bucket", "must be day");
        }
        DayRange range = DayRange.parse(from, to, Instant.now(clock));
        return timeseries.daily(siteKey, range.from(), range.to());
    }

    @Operation(summary = "How many visitors have moved onto a policy version", description = "Role: `auditor`, or `auditor:<siteKey>` on that site (another site's key answers 404).")
    @APIResponse(responseCode = "200", description = "Totals, and cumulative figures per UTC day")
    @APIResponse(responseCode = "400", description = "versionId missing or not a UUID")
    @APIResponse(responseCode = "404", description = "Unknown site, or no such version on it")
    @GET
    @Path("/reconsent")
    public Reconsent reconsent(@PathParam("siteKey") String siteKey, @QueryParam("versionId") String versionId) {
        scope.requireSite(Roles.AUDITOR, siteKey);
        UUID id = Params.uuid("versionId", versionId);
        if (id == null) {
            throw ApiException.invalid("versionId", "is required");
        }
        return reconsent.progress(siteKey, id);
    }
}
