package org.consentledger.notice.refused;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import java.util.Map;
import java.util.TreeMap;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.consentledger.security.Roles;
import org.consentledger.security.SiteScope;

/**
 * Refused calls per site, for the console's sites table: one request for all of an admin's sites,
 * where one request per site took longer than a page may with hundreds of sites.
 */
@Path("/api/v1/admin/refused-calls")
@RolesAllowed({ Roles.ADMIN, Roles.ADMIN_SCOPED })
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "jwt")
public class RefusedCallsResource {

    @Inject RefusedOrigins refused;
    @Inject SiteScope scope;

    @Operation(summary = "Refused calls per site", description = "Role: `admin`, or `admin:<siteKey>` (that admin's sites only).")
    @APIResponse(responseCode = "200", description = "OK: site key to the number of refused calls, sites with none left out")
    @GET
    public Map<String, Long> bySite() {
        Map<String, Long> calls = new TreeMap<>();
        refused.callsBySiteKey().forEach((siteKey, count) -> {
            if (scope.allows(Roles.ADMIN, siteKey)) {
                calls.put(siteKey, count);
            }
        });
        return calls;
    }
}
