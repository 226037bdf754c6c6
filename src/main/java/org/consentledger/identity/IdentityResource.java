package org.consentledger.identity;

import java.net.URI;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import org.consentledger.common.Actors;
import org.consentledger.common.Params;
import org.consentledger.security.Roles;
import org.consentledger.security.SiteScope;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/**
 * A site's backend links the visitor id its banner set to the site's own account id, and unlinks
 * it. A service token of another site gets the same 404 as an unknown site.
 */
@Path("/api/v1/sites/{siteKey}/identities")
@RolesAllowed({ Roles.SERVICE, Roles.SERVICE_SCOPED })
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "jwt")
public class IdentityResource {

    private static final String ROLE = "Role: `service`, or `service:<siteKey>` on that site (another site's key answers 404).";

    @Inject IdentityService identities;
    @Inject SiteScope scope;

    @Operation(summary = "Link a visitor id to an account id", description = ROLE)
    @APIResponse(responseCode = "201", description = "Linked, with Location", content = @Content(schema = @Schema(implementation = IdentityLink.class)))
    @APIResponse(responseCode = "200", description = "Linked to this account already; nothing was written", content = @Content(schema = @Schema(implementation = IdentityLink.class)))
    @APIResponse(responseCode = "400", description = "Invalid request; the problem names the field")
    @APIResponse(responseCode = "404", description = "Not found")
    @APIResponse(responseCode = "422", description = "The account has as many visitor ids linked as it may; the problem names userId")
    @POST
    public Response link(@PathParam("siteKey") String siteKey, @NotNull @Valid LinkRequest request,
            SecurityContext security) {
        scope.requireSite(Roles.SERVICE, siteKey);
        IdentityService.Linked linked = identities.link(siteKey, request.visitorId(), request.userId(),
                Actors.of(security));
        URI location = URI.create("/api/v1/sites/" + siteKey + "/identities/" + request.visitorId());
        return (linked.created() ? Response.created(location) : Response.ok().location(location))
                .entity(linked.link()).build();
    }

    @Operation(summary = "The account a visitor id is linked to", description = ROLE)
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = IdentityLink.class)))
    @APIResponse(responseCode = "400", description = "visitorId is not a UUID")
    @APIResponse(responseCode = "404", description = "Unknown site, or the visitor id is not linked")
    @GET
    @Path("/{visitorId}")
    public IdentityLink get(@PathParam("siteKey") String siteKey, @PathParam("visitorId") String visitorId) {
        scope.requireSite(Roles.SERVICE, siteKey);
        return identities.linkOf(siteKey, Params.requiredUuid("visitorId", visitorId));
    }

    /** Idempotent: a visitor id that is not linked answers 204 too, and nothing is written. */
    @Operation(summary = "Unlink a visitor id", description = ROLE)
    @APIResponse(responseCode = "204", description = "Not linked any more (or never was)")
    @APIResponse(responseCode = "400", description = "visitorId is not a UUID")
    @APIResponse(responseCode = "404", description = "Not found")
    @DELETE
    @Path("/{visitorId}")
    public Response unlink(@PathParam("siteKey") String siteKey, @PathParam("visitorId") String visitorId,
            SecurityContext security) {
        scope.requireSite(Roles.SERVICE, siteKey);
        identities.unlink(siteKey, Params.requiredUuid("visitorId", visitorId), Actors.of(security));
        return Response.noContent().build();
    }
}
