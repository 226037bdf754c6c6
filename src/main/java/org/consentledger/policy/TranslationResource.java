package org.consentledger.policy;

import java.net.URI;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
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
import org.consentledger.common.Roles;
import org.consentledger.common.SiteScope;

/** Translations of a published version. Append-only: no PUT or DELETE. */
@Path("/api/v1/admin/sites/{siteKey}/policy-versions/{id}/translations")
@RolesAllowed({ Roles.ADMIN, Roles.ADMIN_SCOPED })
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TranslationResource {

    private final TranslationService translations;
    private final SiteScope scope;

    TranslationResource(TranslationService translations, SiteScope scope) {
        this.translations = translations;
        this.scope = scope;
    }

    @POST
    public Response add(@PathParam("siteKey") String siteKey, @PathParam("id") UUID id,
            @NotNull @Valid TranslationRequest request, SecurityContext security) {
        scope.requireSite(Roles.ADMIN, siteKey);
        TranslationResponse added = translations.add(siteKey, id, request, Actors.of(security));
        URI location = URI.create("/api/v1/admin/sites/" + siteKey + "/policy-versions/" + id + "/translations/"
                + added.language());
        return Response.created(location).entity(added).build();
    }

    @GET
    @Path("/{language}")
    public TranslationResponse get(@PathParam("siteKey") String siteKey, @PathParam("id") UUID id,
            @PathParam("language") String language) {
        scope.requireSite(Roles.ADMIN, siteKey);
        return translations.inLanguage(siteKey, id, language);
    }
}
