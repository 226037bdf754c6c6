package org.consentledger.policy;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

import org.consentledger.common.ApiException;
import org.consentledger.common.Params;
import org.consentledger.security.Roles;
import org.consentledger.security.SiteScope;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import io.vertx.core.http.HttpServerRequest;

/** A side-by-side line diff of two policy versions, for admins and auditors of the site. */
@Path("/api/v1/admin/sites/{siteKey}/policy-versions/diff")
@RolesAllowed({ Roles.ADMIN, Roles.ADMIN_SCOPED, Roles.AUDITOR, Roles.AUDITOR_SCOPED })
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "jwt")
public class PolicyDiffResource {

    @Inject PolicyDiffService diffs;
    @Inject SiteScope scope;

    @Operation(summary = "Compare two policy versions line by line", description = "Role: `admin` or `auditor`, or `admin:<siteKey>` / `auditor:<siteKey>` on that site (another site's key answers 404).")
    @APIResponse(responseCode = "200", description = "The rows of a side-by-side diff")
    @APIResponse(responseCode = "400", description = "from or to missing or not a UUID, versions of two kinds, or a bad language; the problem names the field")
    @APIResponse(responseCode = "404", description = "Unknown site or version, or a version without text in that language")
    @APIResponse(responseCode = "422", description = "A side has more lines than the diff's bound (the problem names from or to), or the diff took longer than its time limit")
    @GET
    public PolicyDiff diff(@PathParam("siteKey") String siteKey, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("language") String language, @Context HttpServerRequest request) {
        if (!scope.allows(Roles.ADMIN, siteKey)) {
            scope.requireSite(Roles.AUDITOR, siteKey);
        }
        UUID fromId = required("from", from);
        UUID toId = required("to", to);
        // A client that hangs up stops the diff: the connection's state is read between its steps.
        return diffs.diff(siteKey, fromId, toId, PolicyDiffService.language(language), request.response()::closed);
    }

    private static UUID required(String name, String value) {
        UUID id = Params.uuid(name, value);
        if (id == null) {
            throw ApiException.invalid(name, "is required");
        }
        return id;
    }
}
