package org.consentledger.ledger;

import java.util.UUID;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import org.consentledger.common.ApiException;
import org.consentledger.common.Params;
import org.consentledger.common.Roles;
import org.consentledger.ledger.verify.Leaves;

/**
 * The ledger's HTTP face. Public: the latest signed checkpoint and the key that signs them. For
 * auditors: every checkpoint, proofs to them, and the whole ledger as an export.
 */
@Path("/api/v1/ledger")
@RolesAllowed(Roles.AUDITOR)
@Produces(MediaType.APPLICATION_JSON)
public class LedgerResource {

    private final LedgerService ledger;

    LedgerResource(LedgerService ledger) {
        this.ledger = ledger;
    }

    /** The latest checkpoint as a C2SP signed note, ready to be kept as a file. */
    @GET
    @Path("/checkpoint")
    @PermitAll
    @Produces(MediaType.TEXT_PLAIN + ";charset=utf-8")
    public String checkpoint() {
        return ledger.latestCheckpoint().note();
    }

    @GET
    @Path("/public-key")
    @PermitAll
    public LedgerViews.PublicKey publicKey() {
        return ledger.publicKey();
    }

    @GET
    @Path("/checkpoints")
    public LedgerViews.CheckpointPage checkpoints(@QueryParam("from") String from, @QueryParam("limit") String limit) {
        long fromSize = Params.longAtLeast("from", from, 0, 0);
        return new LedgerViews.CheckpointPage(ledger.checkpoints(fromSize, Params.intInRange("limit", limit, 100, 1, 1000)));
    }

    @GET
    @Path("/proof/inclusion")
    public LedgerViews.InclusionProof inclusion(@QueryParam("eventId") String eventId, @QueryParam("seq") String seq,
            @QueryParam("treeSize") String treeSize) {
        UUID event = Params.uuid("eventId", eventId);
        Long position = seq == null ? null : Params.longAtLeast("seq", seq, 0, 0);
        if ((event == null) == (position == null)) {
            throw ApiException.invalid("eventId", "give exactly one of eventId or seq");
        }
        Long size = treeSize == null ? null : Params.longAtLeast("treeSize", treeSize, 1, 1);
        return ledger.inclusionProof(Leaves.CONSENT_EVENT, event == null ? null : event.toString(), position, size);
    }

    @GET
    @Path("/proof/consistency")
    public LedgerViews.ConsistencyProof consistency(@QueryParam("from") String from, @QueryParam("to") String to) {
        if (from == null) {
            throw ApiException.invalid("from", "is required");
        }
        Long toSize = to == null ? null : Params.longAtLeast("to", to, 1, 1);
        return ledger.consistencyProof(Params.longAtLeast("from", from, 0, 0), toSize);
    }

    @GET
    @Path("/export")
    @Produces("application/x-ndjson")
    public Response export() {
        ledger.latestCheckpoint(); // 404 before streaming starts, not halfway through
        StreamingOutput body = ledger::export;
        return Response.ok(body, "application/x-ndjson")
                .header("Content-Disposition", "attachment; filename=\"consent-ledger-export.ndjson\"").build();
    }
}
