package org.consentledger.audit;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.consentledger.identity.IdentityEvents;
import org.consentledger.identity.UserIds;
import org.consentledger.ledger.evidence.EvidenceService;
import org.consentledger.security.Roles;
import org.consentledger.security.SiteScope;
import org.consentledger.site.Site;
import org.consentledger.site.SiteRepository;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/**
 * A person's records (GDPR Art. 15), found by the site's account id: their history and their
 * evidence package, across every visitor id ever linked to the account. The id in the path is
 * hashed at once; logs and problems show the path with {@code {userId}} in its place.
 */
@Path("/api/v1/audit/sites/{siteKey}/users/{userId}")
@RolesAllowed({ Roles.AUDITOR, Roles.AUDITOR_SCOPED })
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "jwt")
public class UserRecordsResource {

    private static final String ROLE = "Role: `auditor`, or `auditor:<siteKey>` on that site (another site's key answers 404).";

    @Inject AuditService audit;
    @Inject EvidenceService evidence;
    @Inject IdentityEvents identityEvents;
    @Inject UserIds userIds;
    @Inject SiteRepository sites;
    @Inject SiteScope scope;

    @Operation(summary = "A person's history on a site, across their linked visitor ids", description = ROLE)
    @APIResponse(responseCode = "200", description = "OK")
    @APIResponse(responseCode = "400", description = "Invalid request; the problem names the field")
    @APIResponse(responseCode = "404", description = "Not found")
    @GET
    @Path("/history")
    public UserHistory history(@PathParam("siteKey") String siteKey, @PathParam("userId") String userId) {
        scope.requireSite(Roles.AUDITOR, siteKey);
        return audit.userHistory(siteKey, userId);
    }

    /** Everything needed to answer a person's request offline: see docs/ledger.md, "Verifying the ledger". */
    @Operation(summary = "A person's evidence package", description = ROLE)
    @APIResponse(responseCode = "200", description = "The evidence package")
    @APIResponse(responseCode = "400", description = "Invalid request; the problem names the field")
    @APIResponse(responseCode = "404", description = "Unknown site, or no checkpoint signed or witnessed yet")
    @GET
    @Path("/evidence")
    public Response evidence(@PathParam("siteKey") String siteKey, @PathParam("userId") String userId) {
        scope.requireSite(Roles.AUDITOR, siteKey);
        UserIds.requireValid(userId);
        Site site = sites.require(siteKey);
        String userHash = userIds.hash(site.id, userId);
        List<String> identityEventIds = identityEvents.ofUser(site.id, userHash).stream()
                .map(event -> String.valueOf(event.identityEventId())).toList();
        return Response.ok(evidence.packageForUser(siteKey, site.id, userHash, identityEventIds), MediaType.APPLICATION_JSON)
                .header("Content-Disposition", "attachment; filename=\"evidence-user-" + userHash.substring(0, 16) + ".json\"")
                .build();
    }
}
