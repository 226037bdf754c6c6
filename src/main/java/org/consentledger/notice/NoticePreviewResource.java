package org.consentledger.notice;

import java.util.List;
import java.util.Locale;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.consentledger.common.ApiException;
import org.consentledger.common.LanguageTags;
import org.consentledger.jurisdiction.RegimeChoice;
import org.consentledger.jurisdiction.Regimes;
import org.consentledger.security.Roles;
import org.consentledger.security.SiteScope;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/**
 * What the banner would show a visitor under a regime, in a language, for admins checking a site's
 * setup. Nothing is written: no rendered_notice row, since no visitor saw it.
 */
@Path("/api/v1/admin/sites/{siteKey}/notice-preview")
@RolesAllowed({ Roles.ADMIN, Roles.ADMIN_SCOPED })
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "jwt")
public class NoticePreviewResource {

    @Inject SiteNotices notices;
    @Inject Regimes regimes;
    @Inject SiteScope scope;

    @Operation(summary = "Preview the notice a visitor under a regime would get", description = "Role: `admin`, or `admin:<siteKey>` on that site (another site's key answers 404).")
    @APIResponse(responseCode = "200", description = "The public notice's body with preview: true; nothing is stored")
    @APIResponse(responseCode = "400", description = "regime missing or not in the current rules, or lang not a language tag; the problem names it")
    @APIResponse(responseCode = "404", description = "Not found")
    @GET
    public NoticePreview preview(@PathParam("siteKey") String siteKey, @QueryParam("regime") String regime,
            @QueryParam("lang") String lang) {
        scope.requireSite(Roles.ADMIN, siteKey);
        if (regime == null || regime.isBlank()) {
            throw ApiException.invalid("regime", "is required");
        }
        RegimeChoice choice = regimes.representative(regime.trim().toUpperCase(Locale.ROOT))
                .orElseThrow(() -> ApiException.invalid("regime", "is not a regime of the current jurisdiction rules"));
        List<String> preferences = lang == null || lang.isBlank() ? List.of() : List.of(LanguageTags.require("lang", lang));
        return NoticePreview.of(notices.preview(notices.forSite(siteKey), choice, preferences));
    }
}
