package org.consentledger.ledger.export;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import org.consentledger.ledger.StoredCheckpoint;
import org.consentledger.security.Roles;

/** The whole ledger for auditors, as a file the offline verifier checks. */
@Path("/api/v1/ledger/export")
@RolesAllowed(Roles.AUDITOR)
@Produces(ExportResource.NDJSON)
@SecurityRequirement(name = "jwt")
public class ExportResource {

    static final String NDJSON = "application/x-ndjson";

    @Inject ExportService export;

    @Operation(summary = "Export the whole ledger as NDJSON", description = "Role: `auditor`, global only (403 for a scoped auditor).")
    @APIResponse(responseCode = "200", description = "NDJSON of every record up to the latest checkpoint")
    @APIResponse(responseCode = "404", description = "No checkpoint signed yet, or none has reached the witness quorum yet")
    @GET
    public Response export() {
        StoredCheckpoint checkpoint = export.latestCheckpoint(); // 404 before streaming starts, not halfway through
        StreamingOutput body = out -> export.write(checkpoint, out);
        return Response.ok(body, NDJSON)
                .header("Content-Disposition", "attachment; filename=\"consent-ledger-export.ndjson\"").build();
    }
}
