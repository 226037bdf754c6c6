package org.consentledger.decision;

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
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;

import org.consentledger.common.Hashing;
import org.consentledger.security.Roles;
import org.consentledger.security.SiteScope;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What a site's backend must honour for a visitor or a signed-in person: for the site's own
 * services, and for its admins checking what a backend sees. Another site's key answers 404, as an unknown site.
 */
@Path("/api/v1/sites/{siteKey}/decisions")
@RolesAllowed({ Roles.SERVICE, Roles.SERVICE_SCOPED, Roles.ADMIN, Roles.ADMIN_SCOPED })
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "jwt")
public class DecisionResource {

    private static final String ROLE = "Role: `service` or `admin`, or `service:<siteKey>` / `admin:<siteKey>` on that "
            + "site (another site's key answers 404).";

    @Inject DecisionService decisions;
    @Inject SiteScope scope;
    @Inject ObjectMapper json;

    @Operation(summary = "A visitor's or a person's decision", description = ROLE
            + " Exactly one of visitorId and userId. Revalidate with the ETag.")
    @APIResponse(responseCode = "200", description = "The decision to honour, with a strong ETag", content = @Content(schema = @Schema(implementation = DecisionResponse.class)))
    @APIResponse(responseCode = "304", description = "Not modified (If-None-Match)")
    @APIResponse(responseCode = "400", description = "Neither visitorId nor userId, both, visitorId not a UUID, or userId blank or too long; the problem names the parameter")
    @APIResponse(responseCode = "404", description = "Unknown site")
    @GET
    public Response decision(@PathParam("siteKey") String siteKey, @QueryParam("visitorId") String visitorId,
            @QueryParam("userId") String userId, @Context Request request) throws JsonProcessingException {
        requireSite(siteKey);
        Subject subject = Subject.fromQuery(visitorId, userId);
        byte[] body = json.writeValueAsBytes(decisions.decisions(siteKey, List.of(subject)).get(0));
        // Strong: equal tags mean equal bytes, so a backend may keep its copy while the tag matches.
        EntityTag etag = new EntityTag(Hashing.sha256Hex(body).substring(0, 32));
        CacheControl revalidate = new CacheControl();
        revalidate.setNoCache(true);
        revalidate.setPrivate(true);
        Response.ResponseBuilder notModified = request.evaluatePreconditions(etag);
        Response.ResponseBuilder response = notModified != null ? notModified : Response.ok(body, MediaType.APPLICATION_JSON);
        return response.tag(etag).cacheControl(revalidate).build();
    }

    @Operation(summary = "The decisions of up to 1,000 visitors or persons", description = ROLE
            + " Each subject has a visitorId or a userId. One answer per subject, in the order asked.")
    @APIResponse(responseCode = "200", description = "One decision per subject, in the same order", content = @Content(schema = @Schema(implementation = DecisionsResponse.class)))
    @APIResponse(responseCode = "400", description = "subjects missing, empty or over 1,000, or a subject without exactly one valid visitorId or userId; the problem names the field")
    @APIResponse(responseCode = "404", description = "Unknown site")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = DecisionQuery.class)))
    @POST
    @Path("/query")
    @Consumes(MediaType.APPLICATION_JSON)
    public DecisionsResponse query(@PathParam("siteKey") String siteKey, @NotNull @Valid DecisionQuery query) {
        requireSite(siteKey);
        Subject.requireValid(query.subjects());
        return new DecisionsResponse(decisions.decisions(siteKey, query.subjects()));
    }

    private void requireSite(String siteKey) {
        if (!scope.allows(Roles.ADMIN, siteKey)) {
            scope.requireSite(Roles.SERVICE, siteKey);
        }
    }
}
