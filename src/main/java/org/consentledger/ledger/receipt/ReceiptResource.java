package org.consentledger.ledger.receipt;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Anyone holding a receipt may ask whether the ledger kept its promise. */
@Path("/api/v1/ledger/receipts")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
public class ReceiptResource {

    private final ReceiptService receipts;

    ReceiptResource(ReceiptService receipts) {
        this.receipts = receipts;
    }

    /** The body is read as text, so the signature is checked over exactly what the verifier would parse. */
    @Operation(summary = "Check a receipt against the ledger", description = "Public: no token.")
    @APIResponse(responseCode = "200", description = "INCLUDED, PENDING or VIOLATED")
    @APIResponse(responseCode = "400", description = "Not a receipt, or not signed by this ledger's key")
    @POST
    @Path("/check")
    @Consumes(MediaType.APPLICATION_JSON)
    public ReceiptCheck check(String receipt) {
        return receipts.check(receipt);
    }
}
