package org.consentledger.ledger.receipt;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

import org.consentledger.common.ApiException;
import org.consentledger.edge.ClientOrigins;
import org.consentledger.edge.RateLimits;

import io.vertx.core.http.HttpServerRequest;

/**
 * Anyone holding a receipt may ask whether the ledger kept its promise. Anyone may also send
 * anything, so each client has a budget of checks, and a body is refused unparsed past the size of
 * the largest receipt (about 6,000 characters: a 64-hash batch path and an event's longest lists).
 */
@Path("/api/v1/ledger/receipts")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
public class ReceiptResource {

    static final String ROUTE = "POST /api/v1/ledger/receipts/check";
    static final int MAX_RECEIPT_CHARS = 16_384;

    @Inject ReceiptService receipts;
    @Inject ClientOrigins origins;
    @Inject RateLimits limits;

    /** The body is read as text, so the signature is checked over exactly what the verifier would parse. */
    @Operation(summary = "Check a receipt against the ledger", description = "Public: no token.")
    @APIResponse(responseCode = "200", description = "INCLUDED, PENDING or VIOLATED")
    @APIResponse(responseCode = "400", description = "Not a receipt, nested or with numbers beyond the reader's bounds, or not signed by this ledger's key")
    @APIResponse(responseCode = "413", description = "Larger than 16,384 characters: not parsed")
    @APIResponse(responseCode = "429", description = "Rate-limited, with Retry-After")
    @POST
    @Path("/check")
    @Consumes(MediaType.APPLICATION_JSON)
    public ReceiptCheck check(String receipt, @Context HttpServerRequest http) {
        limits.admitReceiptCheck(ROUTE, origins.of(http));
        if (receipt != null && receipt.length() > MAX_RECEIPT_CHARS) {
            throw ApiException.bodyTooLarge("A receipt is at most " + MAX_RECEIPT_CHARS + " characters; this one was not parsed");
        }
        return receipts.check(receipt);
    }
}
