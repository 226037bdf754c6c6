package org.consentledger.ledger.receipt;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Singleton;

import org.consentledger.consent.EventRecords;
import org.consentledger.consent.NewEvent;
import org.consentledger.consent.ReceiptIssuer;
import org.consentledger.ledger.LedgerConfig;
import org.consentledger.ledger.LedgerKeys;
import org.consentledger.verify.Receipt;

import io.quarkus.logging.Log;

/**
 * Signs receipts with the checkpoint key, one signature per group commit. The event's fields come
 * from the very method that builds the record the ledger hashes, so a receipt can only differ from
 * the ledger if the ledger changed.
 */
@Singleton
public class ReceiptSigner implements ReceiptIssuer {

    private final LedgerKeys keys;
    private final Duration maxMergeDelay;

    ReceiptSigner(LedgerKeys keys, LedgerConfig config) {
        this.keys = keys;
        this.maxMergeDelay = config.maxMergeDelay();
        if (maxMergeDelay.compareTo(config.checkpointInterval().plus(config.sequenceInterval())) <= 0) {
            Log.warnf("consent.ledger.max-merge-delay (%s) leaves no margin over the checkpoint and sequence intervals: "
                    + "receipts will promise what the ledger cannot keep", maxMergeDelay);
        }
    }

    @Override
    public Unsigned statementOf(NewEvent event) {
        Map<String, Object> statement = Receipt.statement(keys.verifierKey(), EventRecords.record(event),
                event.receivedAt().plus(maxMergeDelay));
        return new Unsigned(statement, Receipt.leafHash(statement));
    }

    @Override
    public List<Map<String, Object>> sign(List<Unsigned> receipts) {
        return Receipt.signedBatch(keys.verifierKey(), receipts.stream().map(Unsigned::statement).toList(),
                receipts.stream().map(Unsigned::leafHash).toList(), keys::sign);
    }
}
