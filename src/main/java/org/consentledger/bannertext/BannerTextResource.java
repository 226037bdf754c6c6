package org.consentledger.bannertext;

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
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import org.consentledger.common.Actors;
import org.consentledger.security.Roles;
import org.consentledger.security.SiteScope;

/** A site's banner-text sets: admins publish them, admins and auditors read them. No PUT or DELETE. */
@Path("/api/v1/admin/sites/{siteKey}/banner-texts")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "jwt")
public class BannerTextResource {

    @Inject BannerTextService texts;
    @Inject SiteScope scope;

    @Operation(summary = "Publish a set of banner texts for a language", description = "Role: `admin`, or `admin:<siteKey>` on that site (another site's key answers 404).")
    @APIResponse(responseCode = "201", description = "Created, with Location", content = @Content(schema = @Schema(implementation = BannerTextSetResponse.class)))
    @APIResponse(responseCode = "400", description = "Invalid request; the problem names the field")
    @APIResponse(responseCode = "404", description = "Not found")
    @POST
    @RolesAllowed({ Roles.ADMIN, Roles.ADMIN_SCOPED })
    public Response publish(@PathParam("siteKey") String siteKey, @NotNull @Valid BannerTextRequest request,
            SecurityContext security) {
        scope.requireSite(Roles.ADMIN, siteKey);
        BannerTextSetResponse published = texts.publish(siteKey, request, Actors.of(security));
        URI location = URI.create("/api/v1/admin/sites/" + siteKey + "/banner-texts?language=" + published.language());
        return Response.created(location).entity(published).build();
    }

    /** Newest version first within each language; {@code language} narrows it to one. */
    @Operation(summary = "List the site's banner-text sets", description = "Role: `admin` or `auditor`, global or scoped to that site.")
    @APIResponse(responseCode = "200", description = "OK")
    @APIResponse(responseCode = "400", description = "Invalid request; the problem names the field")
    @APIResponse(responseCode = "404", description = "Not found")
    @GET
    @RolesAllowed({ Roles.ADMIN, Roles.ADMIN_SCOPED, Roles.AUDITOR, Roles.AUDITOR_SCOPED })
    public List<BannerTextSetResponse> list(@PathParam("siteKey") String siteKey, @QueryParam("language") String language) {
        if (!scope.allows(Roles.ADMIN, siteKey)) {
            scope.requireSite(Roles.AUDITOR, siteKey);
        }
        return texts.list(siteKey, language);
    }
}
