package org.consentledger.ledger.receipt;

import org.consentledger.ledger.proof.ProofViews;
import org.consentledger.verify.Receipt;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The answer to a receipt: its status, why, and, once a signed checkpoint holds a leaf for the
 * event, the proof of that leaf, even when its record differs from the receipt.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReceiptCheck(Receipt.Status status, String detail, ProofViews.InclusionProof proof) {

    static ReceiptCheck of(Receipt.Check check, ProofViews.InclusionProof proof) {
        return new ReceiptCheck(check.status(), check.detail(), proof);
    }
}
