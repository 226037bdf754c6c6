package org.consentledger.audit;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.consentledger.security.Roles;
import org.consentledger.security.SiteScope;
import org.consentledger.site.SiteRepository;

/**
 * The sites an auditor may read, so that a global auditor, or one with a pattern such as
 * {@code auditor:news-*}, can pick a site instead of knowing its key. Only key and name: an
 * auditor reads what happened on a site, not its settings.
 */
@Path("/api/v1/audit/sites")
@RolesAllowed({ Roles.AUDITOR, Roles.AUDITOR_SCOPED })
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "jwt")
public class AuditSitesResource {

    public record ReadableSite(String siteKey, String name) {
    }

    @Inject SiteRepository sites;
    @Inject SiteScope scope;

    @Operation(summary = "List the sites the caller may audit", description = "Role: `auditor` (every site), or `auditor:<siteKey>` and `auditor:<prefix>*` (the sites they cover).")
    @APIResponse(responseCode = "200", description = "OK, by key")
    @GET
    public List<ReadableSite> list() {
        return sites.listByKey(scope.grants(Roles.AUDITOR)).stream()
                .map(site -> new ReadableSite(site.siteKey, site.name)).toList();
    }
}
