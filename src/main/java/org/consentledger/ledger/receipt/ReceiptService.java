package org.consentledger.ledger.receipt;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.consentledger.common.ApiException;
import org.consentledger.consent.EventRecords;
import org.consentledger.ledger.Leaf;
import org.consentledger.ledger.LedgerCheckpoints;
import org.consentledger.ledger.LedgerKeys;
import org.consentledger.ledger.LedgerLeaves;
import org.consentledger.ledger.LedgerReads;
import org.consentledger.ledger.LedgerRecords;
import org.consentledger.ledger.RecordRef;
import org.consentledger.ledger.StoredCheckpoint;
import org.consentledger.ledger.proof.ProofService;
import org.consentledger.ledger.proof.ProofViews;
import org.consentledger.retention.PurgedEvents;
import org.consentledger.verify.Json;
import org.consentledger.verify.Leaves;
import org.consentledger.verify.Receipt;

/**
 * Checks a receipt online, as the offline verifier does against an export: against the latest
 * signed checkpoint, with the same rules ({@link Receipt#against}). The checkpoint is read first,
 * then the leaf, its record and the proof to that checkpoint, on one connection.
 */
@ApplicationScoped
public class ReceiptService {

    @Inject DataSource dataSource;
    @Inject LedgerKeys keys;
    @Inject LedgerRecords records;
    @Inject Clock clock;

    /** Where the receipt's event may be in the ledger: under its site and eventId, or, if it was claimed before V30, its eventId alone. */
    private static List<RecordRef> refsOf(Connection c, Receipt receipt) throws SQLException {
        UUID eventId;
        try {
            eventId = UUID.fromString(receipt.eventId());
        } catch (IllegalArgumentException e) {
            return List.of(); // no event has such an id
        }
        if (!(receipt.event().get("siteKey") instanceof String siteKey)) {
            return List.of();
        }
        return EventRecords.keysOf(c, siteKey, eventId).stream().map(key -> new RecordRef(Leaves.CONSENT_EVENT, key)).toList();
    }

    public ReceiptCheck check(String body) {
        Receipt receipt = verified(body);
        String eventId = receipt.eventId();
        return LedgerReads.read(dataSource, c -> {
            Optional<StoredCheckpoint> checkpoint = LedgerCheckpoints.latest(c);
            long size = checkpoint.map(StoredCheckpoint::treeSize).orElse(0L);
            List<RecordRef> refs = refsOf(c, receipt);
            Map<RecordRef, Leaf> leaves = LedgerLeaves.ofAll(c, refs);
            Optional<Leaf> leaf = refs.stream().map(leaves::get).filter(l -> l != null && l.seq() < size).findFirst();
            Instant now = Instant.now(clock);
            if (leaf.isEmpty()) {
                return ReceiptCheck.of(receipt.against(null, size, now), null);
            }
            ProofViews.InclusionProof proof = ProofService.inclusion(c, leaf.get(), checkpoint.get());
            String recordKey = leaf.get().recordKey();
            Map<String, Object> record = records.load(c, Leaves.CONSENT_EVENT, List.of(recordKey)).get(recordKey);
            Long purgedBy = record == null ? PurgedEvents.purgedBy(c, List.of(recordKey)).get(recordKey) : null;
            if (purgedBy != null) {
                return ReceiptCheck.of(receipt.purged(size, purgedBy), proof);
            }
            if (record == null || !Arrays.equals(Leaves.hash(leaf.get().seq(), Leaves.CONSENT_EVENT, record),
                    leaf.get().hash())) {
                return new ReceiptCheck(Receipt.Status.VIOLATED, "The ledger's record of event " + eventId
                        + " was deleted or altered after the checkpoint took it in.", proof);
            }
            return ReceiptCheck.of(receipt.against(record, size, now), proof);
        });
    }

    private Receipt verified(String body) {
        Map<String, Object> json;
        try {
            json = Json.parseObject(body == null ? "" : body);
        } catch (Json.OverLimit e) {
            throw ApiException.invalid("receipt", e.reason());
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("receipt", "must be a receipt as the events endpoint returned it");
        }
        try {
            return Receipt.verify(json, keys.verifierKey());
        } catch (Receipt.Rejected rejected) {
            throw ApiException.invalid(rejected.field(), rejected.getMessage());
        }
    }
}
