package org.consentledger.notice.refused;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.consentledger.common.Roles;
import org.consentledger.common.SiteScope;

/**
 * The origins whose browser calls the site's banner API refused: usually a page on an origin the
 * site forgot to list. Admins fix the site with it; auditors may read it too.
 */
@Path("/api/v1/admin/sites/{siteKey}/refused-origins")
@RolesAllowed({ Roles.ADMIN, Roles.ADMIN_SCOPED, Roles.AUDITOR, Roles.AUDITOR_SCOPED })
@Produces(MediaType.APPLICATION_JSON)
public class RefusedOriginResource {

    private final RefusedOrigins refused;
    private final SiteScope scope;

    RefusedOriginResource(RefusedOrigins refused, SiteScope scope) {
        this.refused = refused;
        this.scope = scope;
    }

    @GET
    public List<RefusedOriginView> list(@PathParam("siteKey") String siteKey) {
        if (!scope.allows(Roles.ADMIN, siteKey)) {
            scope.requireSite(Roles.AUDITOR, siteKey);
        }
        return refused.list(siteKey);
    }
}
