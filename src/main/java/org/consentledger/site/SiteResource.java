package org.consentledger.site;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import java.net.URI;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import org.consentledger.common.Actors;
import org.consentledger.security.Roles;
import org.consentledger.security.SiteScope;

@Path("/api/v1/admin/sites")
@RolesAllowed({ Roles.ADMIN, Roles.ADMIN_SCOPED })
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "jwt")
public class SiteResource {

    @Inject SiteService sites;
    @Inject SiteScope scope;

    /** Global admins only: a new site key is the operator's decision, not a tenant's. */
    @Operation(summary = "Create a site", description = "Role: `admin`, global only (403 for a scoped admin).")
    @APIResponse(responseCode = "201", description = "Created, with Location", content = @Content(schema = @Schema(implementation = SiteResponse.class)))
    @APIResponse(responseCode = "400", description = "Invalid request; the problem names the field")
    @APIResponse(responseCode = "409", description = "A site with this siteKey exists")
    @APIResponse(responseCode = "422", description = "retentionMonths over its bound of 120; the problem names it")
    @POST
    @RolesAllowed(Roles.ADMIN)
    public Response create(@NotNull @Valid SiteRequest request, SecurityContext security) {
        SiteResponse created = sites.create(request, Actors.of(security));
        return Response.created(URI.create("/api/v1/admin/sites/" + created.siteKey())).entity(created).build();
    }

    @Operation(summary = "List sites", description = "Role: `admin`, or `admin:<siteKey>` on that site (another site's key answers 404). A scoped admin sees its own sites.")
    @APIResponse(responseCode = "200", description = "OK")
    @GET
    public List<SiteResponse> list() {
        return sites.list(scope.grants(Roles.ADMIN));
    }

    @Operation(summary = "Read a site", description = "Role: `admin`, or `admin:<siteKey>` on that site (another site's key answers 404).")
    @APIResponse(responseCode = "200", description = "OK")
    @APIResponse(responseCode = "404", description = "Not found")
    @GET
    @Path("/{siteKey}")
    public SiteResponse get(@PathParam("siteKey") String siteKey) {
        scope.requireSite(Roles.ADMIN, siteKey);
        return sites.get(siteKey);
    }

    @Operation(summary = "Replace a site's settings", description = "Role: `admin`, or `admin:<siteKey>` on that site (another site's key answers 404).")
    @APIResponse(responseCode = "200", description = "OK")
    @APIResponse(responseCode = "400", description = "Invalid request; the problem names the field")
    @APIResponse(responseCode = "404", description = "Not found")
    @APIResponse(responseCode = "422", description = "retentionMonths over its bound of 120; the problem names it")
    @PUT
    @Path("/{siteKey}")
    public SiteResponse update(@PathParam("siteKey") String siteKey, @NotNull @Valid SiteUpdateRequest request,
            SecurityContext security) {
        scope.requireSite(Roles.ADMIN, siteKey);
        return sites.update(siteKey, request, Actors.of(security));
    }
}
