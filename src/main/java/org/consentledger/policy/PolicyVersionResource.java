package org.consentledger.policy;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import org.consentledger.common.Actors;
import org.consentledger.common.Params;
import org.consentledger.security.Roles;
import org.consentledger.security.SiteScope;

/** Publishing and reading policy versions. There is deliberately no PUT or DELETE: versions are immutable. */
@Path("/api/v1/admin/sites/{siteKey}/policy-versions")
@RolesAllowed({ Roles.ADMIN, Roles.ADMIN_SCOPED })
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "jwt")
public class PolicyVersionResource {

    @Inject PolicyService policies;
    @Inject SiteScope scope;

    @Operation(summary = "Publish a policy version", description = "Role: `admin`, or `admin:<siteKey>` on that site (another site's key answers 404).")
    @APIResponse(responseCode = "201", description = "Created, with Location", content = @Content(schema = @Schema(implementation = PolicyVersionResponse.class)))
    @APIResponse(responseCode = "400", description = "Invalid request; the problem names the field")
    @APIResponse(responseCode = "404", description = "Not found")
    @APIResponse(responseCode = "409", description = "The version label exists for this kind")
    @POST
    public Response publish(@PathParam("siteKey") String siteKey, @NotNull @Valid PolicyVersionRequest request,
            SecurityContext security) {
        scope.requireSite(Roles.ADMIN, siteKey);
        PolicyVersionResponse published = policies.publish(siteKey, request, Actors.of(security));
        URI location = URI.create("/api/v1/admin/sites/" + siteKey + "/policy-versions/" + published.id());
        return Response.created(location).entity(published).build();
    }

    @Operation(summary = "List policy versions, newest first", description = "Role: `admin`, or `admin:<siteKey>` on that site (another site's key answers 404).")
    @APIResponse(responseCode = "200", description = "OK")
    @APIResponse(responseCode = "400", description = "Unknown kind")
    @APIResponse(responseCode = "404", description = "Not found")
    @GET
    public List<PolicyVersionResponse> list(@PathParam("siteKey") String siteKey, @QueryParam("kind") String kind) {
        scope.requireSite(Roles.ADMIN, siteKey);
        return policies.list(siteKey, Params.enumValue("kind", kind, PolicyKind.class));
    }

    @Operation(summary = "Read a policy version with its translations", description = "Role: `admin`, or `admin:<siteKey>` on that site (another site's key answers 404).")
    @APIResponse(responseCode = "200", description = "OK")
    @APIResponse(responseCode = "404", description = "Not found")
    @GET
    @Path("/{id}")
    public PolicyVersionResponse get(@PathParam("siteKey") String siteKey, @PathParam("id") UUID id) {
        scope.requireSite(Roles.ADMIN, siteKey);
        return policies.get(siteKey, id);
    }
}
