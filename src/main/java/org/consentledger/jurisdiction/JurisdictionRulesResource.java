package org.consentledger.jurisdiction;

import java.net.URI;

import jakarta.annotation.security.RolesAllowed;
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
import org.consentledger.common.Roles;

/**
 * The jurisdiction rules: every admin and auditor may read them (they decide every site's
 * outcomes); only a global admin publishes a version. Versions are immutable: no PUT, no DELETE.
 */
@Path("/api/v1/admin/jurisdiction-rules")
@RolesAllowed({ Roles.ADMIN, Roles.ADMIN_SCOPED, Roles.AUDITOR, Roles.AUDITOR_SCOPED })
@Produces(MediaType.APPLICATION_JSON)
public class JurisdictionRulesResource {

    private final JurisdictionRulesService rules;

    JurisdictionRulesResource(JurisdictionRulesService rules) {
        this.rules = rules;
    }

    @GET
    public RulesVersion current() {
        return rules.current();
    }

    @GET
    @Path("/{version}")
    public RulesVersion version(@PathParam("version") String version) {
        if (version == null || !version.matches("[1-9][0-9]{0,8}")) {
            throw ApiException.invalid("version", "must be a positive whole number");
        }
        return rules.version(Integer.parseInt(version));
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    public Response publish(@NotNull RulesDocument document, SecurityContext security) {
        RulesVersion created = rules.publish(document, Actors.of(security));
        return Response.created(URI.create("/api/v1/admin/jurisdiction-rules/" + created.version())).entity(created)
                .build();
    }
}
