package org.consentledger.notice.refused;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.consentledger.security.Roles;
import org.consentledger.security.SiteScope;

/**
 * The origins whose browser calls the site's banner API refused: usually a page on an origin the
 * site forgot to list. Admins fix the site with it; auditors may read it too.
 */
@Path("/api/v1/admin/sites/{siteKey}/refused-origins")
@RolesAllowed({ Roles.ADMIN, Roles.ADMIN_SCOPED, Roles.AUDITOR, Roles.AUDITOR_SCOPED })
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "jwt")
public class RefusedOriginResource {

    @Inject RefusedOrigins refused;
    @Inject SiteScope scope;

    @Operation(summary = "Origins the site's banner API refused", description = "Role: `admin` or `auditor`, or `admin:<siteKey>` / `auditor:<siteKey>` on that site (another site's key answers 404).")
    @APIResponse(responseCode = "200", description = "OK, last seen first")
    @APIResponse(responseCode = "404", description = "Unknown site, or outside the caller's scope")
    @GET
    public List<RefusedOriginView> list(@PathParam("siteKey") String siteKey) {
        if (!scope.allows(Roles.ADMIN, siteKey)) {
            scope.requireSite(Roles.AUDITOR, siteKey);
        }
        return refused.list(siteKey);
    }
}
