package org.consentledger.ledger.proof;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import java.util.UUID;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.consentledger.common.ApiException;
import org.consentledger.common.Params;
import org.consentledger.security.Roles;
import org.consentledger.verify.Leaves;

/**
 * Checkpoints and proofs over HTTP. Public: the latest signed checkpoint and the key that signs
 * them. For auditors: every checkpoint and proofs to them.
 */
@Path("/api/v1/ledger")
@RolesAllowed(Roles.AUDITOR)
@Produces(MediaType.APPLICATION_JSON)
public class ProofResource {

    @Inject ProofService proofs;

    /** The latest checkpoint as a C2SP signed note with its witness cosignatures, ready to be kept as a file. */
    @Operation(summary = "The latest signed checkpoint", description = "Public: no token.")
    @APIResponse(responseCode = "200", description = "The signed note (text/plain) with its cosignatures")
    @APIResponse(responseCode = "404", description = "No checkpoint signed yet (not-found), or none has reached "
            + "the witness quorum yet (checkpoint-not-witnessed)")
    @GET
    @Path("/checkpoint")
    @PermitAll
    @Produces(MediaType.TEXT_PLAIN + ";charset=utf-8")
    public String checkpoint() {
        return proofs.latestCheckpoint().note();
    }

    @Operation(summary = "The log's public key", description = "Public: no token.")
    @APIResponse(responseCode = "200", description = "OK")
    @GET
    @Path("/public-key")
    @PermitAll
    public ProofViews.PublicKey publicKey() {
        return proofs.publicKey();
    }

    @Operation(summary = "Every checkpoint from a tree size", description = "Role: `auditor`, global only (403 for a scoped auditor).")
    @SecurityRequirement(name = "jwt")
    @APIResponse(responseCode = "200", description = "OK")
    @APIResponse(responseCode = "400", description = "Invalid request; the problem names the field")
    @GET
    @Path("/checkpoints")
    public ProofViews.CheckpointPage checkpoints(@QueryParam("from") String from, @QueryParam("limit") String limit) {
        long fromSize = Params.longAtLeast("from", from, 0, 0);
        return new ProofViews.CheckpointPage(proofs.checkpoints(fromSize, Params.intInRange("limit", limit, 100, 1, 1000)));
    }

    @Operation(summary = "An inclusion proof", description = "Role: `auditor`, global only (403 for a scoped auditor).")
    @SecurityRequirement(name = "jwt")
    @APIResponse(responseCode = "200", description = "OK")
    @APIResponse(responseCode = "400", description = "Invalid request; the problem names the field")
    @APIResponse(responseCode = "404", description = "Not yet in a checkpoint")
    @GET
    @Path("/proof/inclusion")
    public ProofViews.InclusionProof inclusion(@QueryParam("eventId") String eventId, @QueryParam("siteKey") String siteKey,
            @QueryParam("seq") String seq, @QueryParam("treeSize") String treeSize) {
        UUID event = Params.uuid("eventId", eventId);
        Long position = seq == null ? null : Params.longAtLeast("seq", seq, 0, 0);
        if ((event == null) == (position == null)) {
            throw ApiException.invalid("eventId", "give exactly one of eventId or seq");
        }
        if (siteKey != null && event == null) {
            throw ApiException.invalid("siteKey", "siteKey goes with eventId");
        }
        Long size = treeSize == null ? null : Params.longAtLeast("treeSize", treeSize, 1, 1);
        return event == null ? proofs.inclusionProof(Leaves.CONSENT_EVENT, null, position, size)
                : proofs.acknowledgedInclusionProof(event.toString(), siteKey, size);
    }

    @Operation(summary = "A consistency proof between two checkpoints", description = "Role: `auditor`, global only (403 for a scoped auditor).")
    @SecurityRequirement(name = "jwt")
    @APIResponse(responseCode = "200", description = "OK")
    @APIResponse(responseCode = "400", description = "Invalid request; the problem names the field")
    @APIResponse(responseCode = "404", description = "No checkpoint of that size")
    @GET
    @Path("/proof/consistency")
    public ProofViews.ConsistencyProof consistency(@QueryParam("from") String from, @QueryParam("to") String to) {
        if (from == null) {
            throw ApiException.invalid("from", "is required");
        }
        Long toSize = to == null ? null : Params.longAtLeast("to", to, 1, 1);
        return proofs.consistencyProof(Params.longAtLeast("from", from, 0, 0), toSize);
    }
}
