package org.consentledger.policy;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import java.net.URI;
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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import org.consentledger.common.Actors;
import org.consentledger.security.Roles;
import org.consentledger.security.SiteScope;

/** Translations of a published version. Append-only: no PUT or DELETE. */
@Path("/api/v1/admin/sites/{siteKey}/policy-versions/{id}/translations")
@RolesAllowed({ Roles.ADMIN, Roles.ADMIN_SCOPED })
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "jwt")
public class TranslationResource {

    @Inject TranslationService translations;
    @Inject SiteScope scope;

    @Operation(summary = "Add a translation of a policy version", description = "Role: `admin`, or `admin:<siteKey>` on that site (another site's key answers 404).")
    @APIResponse(responseCode = "201", description = "Created, with Location", content = @Content(schema = @Schema(implementation = TranslationResponse.class)))
    @APIResponse(responseCode = "400", description = "Invalid request; the problem names the field")
    @APIResponse(responseCode = "404", description = "Not found")
    @APIResponse(responseCode = "409", description = "The version already has that language, or is in it")
    @POST
    public Response add(@PathParam("siteKey") String siteKey, @PathParam("id") UUID id,
            @NotNull @Valid TranslationRequest request, SecurityContext security) {
        scope.requireSite(Roles.ADMIN, siteKey);
        TranslationResponse added = translations.add(siteKey, id, request, Actors.of(security));
        URI location = URI.create("/api/v1/admin/sites/" + siteKey + "/policy-versions/" + id + "/translations/"
                + added.language());
        return Response.created(location).entity(added).build();
    }

    @Operation(summary = "Read a policy version in one language", description = "Role: `admin`, or `admin:<siteKey>` on that site (another site's key answers 404).")
    @APIResponse(responseCode = "200", description = "OK")
    @APIResponse(responseCode = "400", description = "Invalid request; the problem names the field")
    @APIResponse(responseCode = "404", description = "No text in that language")
    @GET
    @Path("/{language}")
    public TranslationResponse get(@PathParam("siteKey") String siteKey, @PathParam("id") UUID id,
            @PathParam("language") String language) {
        scope.requireSite(Roles.ADMIN, siteKey);
        return translations.inLanguage(siteKey, id, language);
    }
}
