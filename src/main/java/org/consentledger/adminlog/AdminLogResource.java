package org.consentledger.adminlog;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.consentledger.common.Cursors;
import org.consentledger.common.KeysetPage;
import org.consentledger.common.Params;
import org.consentledger.security.Roles;
import org.consentledger.security.SiteScope;

/**
 * The admin log, for auditors: who changed which site or published which version, and when. A
 * scoped auditor sees the entries about its sites only.
 */
@Path("/api/v1/audit/admin-log")
@RolesAllowed({ Roles.AUDITOR, Roles.AUDITOR_SCOPED })
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "jwt")
public class AdminLogResource {

    public record Entry(long id, Instant at, String actor, String action, String targetType, String target,
            Map<String, Object> before, Map<String, Object> after) {
    }

    @Inject AdminLogRepository entries;
    @Inject SiteScope scope;

    @Operation(summary = "Page through the admin log", description = "Role: `auditor`; a scoped auditor sees the entries about its sites.")
    @APIResponse(responseCode = "200", description = "OK")
    @APIResponse(responseCode = "400", description = "Invalid request; the problem names the field")
    @GET
    public KeysetPage<Entry> list(@QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        int size = Params.intInRange("limit", limit, 100, 1, 1000);
        long after = Cursors.decode(cursor);
        return KeysetPage.of(entries.after(after, size + 1, scope.grants(Roles.AUDITOR)), size, e -> e.id)
                .map(e -> new Entry(e.id, e.at, e.actor, e.action, e.targetType, e.target, e.before, e.after));
    }
}
