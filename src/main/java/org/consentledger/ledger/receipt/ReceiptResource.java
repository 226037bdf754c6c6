package org.consentledger.ledger.receipt;

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
    @POST
    @Path("/check")
    @Consumes(MediaType.APPLICATION_JSON)
    public ReceiptCheck check(String receipt) {
        return receipts.check(receipt);
    }
}
