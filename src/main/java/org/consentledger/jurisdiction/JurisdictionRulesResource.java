package org.consentledger.jurisdiction;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import java.net.URI;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
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
import org.consentledger.common.ApiException;
import org.consentledger.security.Roles;

/**
 * The jurisdiction rules: every admin and auditor may read them (they decide every site's
 * outcomes); only a global admin publishes a version. Versions are immutable: no PUT, no DELETE.
 */
@Path("/api/v1/admin/jurisdiction-rules")
@RolesAllowed({ Roles.ADMIN, Roles.ADMIN_SCOPED, Roles.AUDITOR, Roles.AUDITOR_SCOPED })
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "jwt")
public class JurisdictionRulesResource {

    @Inject JurisdictionRulesService rules;

    @Operation(summary = "The current jurisdiction rules", description = "Role: `admin`, `auditor`, or any role scoped to sites.")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = RulesVersion.class)))
    @GET
    public RulesVersion current() {
        return rules.current();
    }

    @Operation(summary = "One version of the jurisdiction rules", description = "Role: `admin`, `auditor`, or any role scoped to sites.")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = RulesVersion.class)))
    @APIResponse(responseCode = "400", description = "The version is not a positive whole number")
    @APIResponse(responseCode = "404", description = "No such version")
    @GET
    @Path("/{version}")
    public RulesVersion version(@PathParam("version") String version) {
        if (version == null || !version.matches("[1-9][0-9]{0,8}")) {
            throw ApiException.invalid("version", "must be a positive whole number");
        }
        return rules.version(Integer.parseInt(version));
    }

    @Operation(summary = "Publish a new version of the jurisdiction rules", description = "Role: `admin`, global only. The whole document; immutable once published, in the admin log and the ledger.")
    @APIResponse(responseCode = "201", description = "Created, with Location", content = @Content(schema = @Schema(implementation = RulesVersion.class)))
    @APIResponse(responseCode = "400", description = "Invalid document; the problem names the field")
    @APIResponse(responseCode = "409", description = "Another version was published at the same moment")
    @POST
    @RolesAllowed(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    public Response publish(@NotNull RulesDocument document, SecurityContext security) {
        RulesVersion created = rules.publish(document, Actors.of(security));
        return Response.created(URI.create("/api/v1/admin/jurisdiction-rules/" + created.version())).entity(created)
                .build();
    }
}
