package org.consentledger.verify;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks visitors' receipts against a ledger export. The export is verified first, as on its own;
 * then each receipt's signature; then whether the export holds each receipt's event exactly as
 * receipted. One line per receipt. Exit code 1 when a receipt is violated or does not verify, else
 * 2 when one is signed by another key (it cannot be judged with this one), else 0: a pending
 * receipt proves nothing wrong.
 */
public final class ReceiptVerifier {

    private ReceiptVerifier() {
    }

    /** A receipt file, verified or rejected. */
    private record Given(String file, Receipt receipt, Receipt.Rejected rejected) {
    }

    /**
     * An event's key in the ledger: "<siteKey>/<eventId>" (an eventId is unique within its site
     * since V30), or its eventId alone for the events sequenced before V30.
     */
    private static String keyOf(Receipt receipt) {
        return receipt.event().get("siteKey") + "/" + receipt.eventId();
    }

    private static String keyOf(Map<?, ?> record) {
        return record.get("siteKey") + "/" + record.get("eventId");
    }

    public static int run(Path export, List<String> receiptFiles, Trust trust, String olderCheckpoint,
            Instant now, PrintStream out) throws IOException {
        List<Given> receipts = new ArrayList<>();
        for (String file : receiptFiles) {
            receipts.add(verified(file, trust.log()));
        }
        // Each receipt's event by site and eventId; a purged leaf may also be keyed by the eventId alone.
        Set<String> wanted = new HashSet<>();
        receipts.stream().filter(r -> r.receipt() != null).forEach(r -> {
            wanted.add(keyOf(r.receipt()));
            wanted.add(r.receipt().eventId());
        });
        Map<String, List<Map<String, Object>>> held = new HashMap<>();
        Map<String, Long> purged = new HashMap<>();
        long[] treeSize = {0};
        Verdict verdict;
        try (BufferedReader reader = Files.newBufferedReader(export, StandardCharsets.UTF_8)) {
            verdict = ExportVerifier.verify(reader, trust, olderCheckpoint, entry -> {
                treeSize[0]++;
                if (Leaves.CONSENT_EVENT.equals(entry.get("source")) && entry.get("record") instanceof Map<?, ?> record
                        && wanted.contains(keyOf(record))) {
                    held.computeIfAbsent(keyOf(record), key -> new ArrayList<>()).add(cast(record));
                }
                if (entry.get("redacted") instanceof Map<?, ?> redacted && redacted.get("recordKey") instanceof String key
                        && wanted.contains(key)) {
                    purged.put(key, (Long) redacted.get("purgedBy"));
                }
            });
        }
        out.println(verdict.clean() ? verdict.message() : "FAILED: " + verdict.message());
        if (!verdict.clean()) {
            return 1;
        }
        boolean failed = false;
        boolean otherKey = false;
        for (Given given : receipts) {
            String line;
            if (given.rejected() == null) {
                // A redaction under the eventId alone is this event's only when no leaf names its site.
                String key = keyOf(given.receipt());
                Long purgedBy = purged.containsKey(key) || held.containsKey(key) ? purged.get(key)
                        : purged.get(given.receipt().eventId());
                Receipt.Check check = purgedBy != null ? given.receipt().purged(treeSize[0], purgedBy)
                        : check(given.receipt(), held, treeSize[0], now);
                failed |= check.status() == Receipt.Status.VIOLATED;
                line = check.status() + ": " + check.detail();
            } else if (given.rejected().reason() == Receipt.Rejected.Reason.OTHER_KEY) {
                otherKey = true;
                line = "OTHER KEY: " + given.rejected().getMessage() + "; check it with that ledger's key and export";
            } else {
                failed = true;
                line = "INVALID: " + given.rejected().field() + " " + given.rejected().getMessage();
            }
            out.println("receipt " + given.file() + ": " + line);
        }
        return failed ? 1 : otherKey ? 2 : 0;
    }

    /** Every record the export holds of the receipt's site and eventId must match it; a sound ledger holds one. */
    private static Receipt.Check check(Receipt receipt, Map<String, List<Map<String, Object>>> held, long treeSize,
            Instant now) {
        List<Map<String, Object>> records = held.getOrDefault(keyOf(receipt), List.of());
        if (records.isEmpty()) {
            return receipt.against(null, treeSize, now);
        }
        return records.stream().map(record -> receipt.against(record, treeSize, now))
                .filter(c -> c.status() == Receipt.Status.VIOLATED).findFirst()
                .orElseGet(() -> receipt.against(records.get(0), treeSize, now));
    }

    private static Given verified(String file, Checkpoint.VerifierKey key) throws IOException {
        Map<String, Object> json;
        try {
            json = Json.parseObject(Files.readString(Path.of(file), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("receipt " + file + " is not a JSON object");
        }
        try {
            return new Given(file, Receipt.verify(json, key), null);
        } catch (Receipt.Rejected rejected) {
            return new Given(file, null, rejected);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Map<?, ?> record) {
        return (Map<String, Object>) record;
    }
}
