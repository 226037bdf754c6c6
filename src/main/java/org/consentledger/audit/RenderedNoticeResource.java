package org.consentledger.audit;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.consentledger.common.ApiException;
import org.consentledger.notice.RenderedNotices;
import org.consentledger.security.Roles;
import org.consentledger.security.SiteScope;
import org.consentledger.site.SiteRepository;

/** A notice exactly as it was served: the rendering whose SHA-256 is the noticeId events name. */
@Path("/api/v1/audit/sites/{siteKey}/notices/{noticeId}")
@RolesAllowed({ Roles.AUDITOR, Roles.AUDITOR_SCOPED })
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "jwt")
public class RenderedNoticeResource {

    private static final Pattern NOTICE_ID = Pattern.compile("[0-9a-f]{64}");

    @Inject RenderedNotices renderings;
    @Inject SiteRepository sites;
    @Inject SiteScope scope;

    @Operation(summary = "A notice exactly as served", description = "Role: `auditor`, or `auditor:<siteKey>` on that site (another site's key answers 404).")
    @APIResponse(responseCode = "200", description = "OK")
    @APIResponse(responseCode = "400", description = "noticeId is not 64 hex digits")
    @APIResponse(responseCode = "404", description = "Never served by this site")
    @GET
    public Map<String, Object> rendering(@PathParam("siteKey") String siteKey, @PathParam("noticeId") String noticeId) {
        scope.requireSite(Roles.AUDITOR, siteKey);
        if (!NOTICE_ID.matcher(noticeId).matches()) {
            throw ApiException.invalid("noticeId", "must be 64 lower-case hex digits");
        }
        return renderings.find(sites.require(siteKey).id, noticeId)
                .orElseThrow(() -> ApiException.notFound("This site never served notice " + noticeId))
                .record();
    }
}
