package org.consentledger.verify;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Verifies a ledger export (NDJSON: a header line with the signed checkpoint, then one line per
 * leaf in sequence order). Every leaf hash is recomputed from its record, the tree root from the
 * leaves, and the checkpoint signature from the public key. An older checkpoint the auditor kept
 * must be a prefix of the exported history.
 */
public final class ExportVerifier {

    private ExportVerifier() {
    }

    public static Verdict verify(BufferedReader export, Checkpoint.VerifierKey key, String olderCheckpoint)
            throws IOException {
        return verify(export, Trust.log(key), olderCheckpoint, entry -> { });
    }

    /** As above, with every checkpoint also needing the cosignatures {@code trust} asks for. */
    public static Verdict verify(BufferedReader export, Trust trust, String olderCheckpoint) throws IOException {
        return verify(export, trust, olderCheckpoint, entry -> { });
    }

    /**
     * As above, and hands each entry whose leaf hash checks out, or that is redacted, to
     * {@code entries}. They may trust an entry only once the verdict is clean, which accounts for
     * every redacted entry by its purge record.
     */
    public static Verdict verify(BufferedReader export, Trust trust, String olderCheckpoint,
            Consumer<Map<String, Object>> entries) throws IOException {
        try {
            String headerLine = export.readLine();
            if (headerLine == null) {
                return Verdict.bad(null, "the export is empty");
            }
            Map<String, Object> header = parse(headerLine, null);
            if (!"consent-ledger-export".equals(header.get("format")) || !Long.valueOf(1).equals(header.get("version"))) {
                return Verdict.bad(null, "not a consent-ledger export, version 1");
            }
            Checkpoint checkpoint = trust.checkpoint(header.get("checkpoint"), "checkpoint");
            List<byte[]> leaves = new ArrayList<>();
            Redactions redactions = new Redactions();
            String line;
            while ((line = export.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                long seq = leaves.size();
                Map<String, Object> entry = parse(line, seq);
                if (entry.containsKey("redacted")) {
                    leaves.add(redactions.redacted(entry, seq));
                } else {
                    leaves.add(Entries.checkedLeafHash(entry, seq));
                    redactions.verified(entry, seq);
                }
                entries.accept(entry);
            }
            redactions.check();
            if (leaves.size() != checkpoint.treeSize()) {
                return Verdict.bad(leaves.size() < checkpoint.treeSize() ? (long) leaves.size() : checkpoint.treeSize(),
                        "the export holds " + leaves.size() + " records but the checkpoint covers " + checkpoint.treeSize());
            }
            Merkle.PerfectSubtrees tree = Merkle.inMemory(leaves);
            if (!Arrays.equals(Merkle.root(tree, leaves.size()), checkpoint.rootHash())) {
                return Verdict.bad(null, "the tree root of the exported records differs from the signed checkpoint");
            }
            if (olderCheckpoint != null) {
                Checkpoint older = trust.checkpoint(olderCheckpoint, "older checkpoint");
                if (older.treeSize() > leaves.size()
                        || !Arrays.equals(Merkle.root(tree, older.treeSize()), older.rootHash())) {
                    return Verdict.bad(null, "history was rewritten: the first " + older.treeSize()
                            + " records do not match the older checkpoint");
                }
            }
            String redacted = redactions.redactedCount() == 0 ? ""
                    : " (" + redactions.redactedCount() + " of them redacted by " + redactions.purgeCount()
                            + " retention purges, each accounted for by its purge record)";
            return Verdict.ok("OK: " + leaves.size() + " records verified against the checkpoint of size "
                    + checkpoint.treeSize() + redacted
                    + (olderCheckpoint == null ? "" : ", consistent with the older checkpoint"));
        } catch (Verdict.Failure failure) {
            return failure.verdict;
        }
    }

    private static Map<String, Object> parse(String line, Long seq) {
        try {
            return Json.parseObject(line);
        } catch (IllegalArgumentException e) {
            throw new Verdict.Failure(seq, "not a JSON object");
        }
    }
}
