package org.consentledger.verify;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Verifies an evidence package for one visitor or one person: the checkpoint signature, every entry's leaf hash
 * and policy fingerprint, every inclusion proof up to the checkpoint, that every policy version
 * and rendered notice an event says was shown is in the package, that each rendering hashes to its
 * noticeId, that the texts it shows are the published ones, and in a person's package that its links
 * account for every event ({@link PersonPackages}), and that each webhook delivery record is of one
 * of its events ({@link WebhookDeliveries}), whose lines end the verdict. With an older checkpoint
 * and a consistency proof, it also checks that the log only grew since then.
 */
public final class EvidenceVerifier {

    private EvidenceVerifier() {
    }

    public static Verdict verify(Map<String, Object> evidence, Checkpoint.VerifierKey key, String olderCheckpoint,
            Map<String, Object> consistencyProof) {
        return verify(evidence, Trust.log(key), olderCheckpoint, consistencyProof);
    }

    /** As above, with every checkpoint also needing the cosignatures {@code trust} asks for. */
    @SuppressWarnings("unchecked")
    public static Verdict verify(Map<String, Object> evidence, Trust trust, String olderCheckpoint,
            Map<String, Object> consistencyProof) {
        try {
            if (!"consent-ledger-evidence".equals(evidence.get("format"))) {
                return Verdict.bad(null, "not a consent-ledger evidence package");
            }
            Checkpoint checkpoint = trust.checkpoint(evidence.get("checkpoint"), "checkpoint");
            if (!(evidence.get("entries") instanceof List<?> entries)) {
                return Verdict.bad(null, "the package has no entries");
            }
            Map<Object, Object> policySha256 = new HashMap<>();
            Map<Object, Map<String, Object>> renderings = new HashMap<>();
            for (Object item : entries) {
                Map<String, Object> entry = (Map<String, Object>) item;
                if (!(entry.get("seq") instanceof Long seq)) {
                    return Verdict.bad(null, "an entry has no sequence number");
                }
                Entries.requireKeys(entry, Entries.EVIDENCE_KEYS, seq);
                byte[] leaf = Entries.leafHash(entry);
                List<byte[]> proof = Entries.hashes(entry.get("inclusionProof"), seq);
                if (!Merkle.verifyInclusion(leaf, seq, checkpoint.treeSize(), proof, checkpoint.rootHash())) {
                    return Verdict.bad(seq, "its inclusion proof does not lead to the signed checkpoint");
                }
                Map<String, Object> record = (Map<String, Object>) entry.get("record");
                if (Leaves.POLICY_VERSION.equals(entry.get("source"))
                        || Leaves.POLICY_TRANSLATION.equals(entry.get("source"))) {
                    policySha256.put(record.get("id"), record.get("sha256"));
                } else if (Leaves.RENDERED_NOTICE.equals(entry.get("source"))) {
                    renderings.put(record.get("noticeId"), (Map<String, Object>) record.get("rendering"));
                }
            }
            for (Object item : entries) {
                Map<String, Object> entry = (Map<String, Object>) item;
                Map<String, Object> record = (Map<String, Object>) entry.get("record");
                Long seq = (Long) entry.get("seq");
                if (Leaves.CONSENT_EVENT.equals(entry.get("source"))) {
                    if (record.get("documentVersionIds") instanceof List<?> shown && !policySha256.keySet().containsAll(shown)) {
                        return Verdict.bad(seq, "a policy version it was shown is missing from the package");
                    }
                    if (record.get("noticeId") != null && !renderings.containsKey(record.get("noticeId"))) {
                        return Verdict.bad(seq, "the notice it was shown is missing from the package");
                    }
                } else if (Leaves.RENDERED_NOTICE.equals(entry.get("source"))) {
                    for (Object document : (List<Object>) ((Map<String, Object>) record.get("rendering")).get("documents")) {
                        Map<String, Object> shown = (Map<String, Object>) document;
                        Object text = shown.get("translationId") != null ? shown.get("translationId") : shown.get("id");
                        Object expected = policySha256.get(text);
                        if (shown.get("translationId") != null && expected == null) {
                            return Verdict.bad(seq, "a translation the notice showed is missing from the package");
                        }
                        if (expected != null && !expected.equals(shown.get("sha256"))) {
                            return Verdict.bad(seq, "the notice shows a text whose sha256 is not the published one");
                        }
                    }
                }
            }
            PersonPackages.check(evidence, entries);
            List<String> told = WebhookDeliveries.check(evidence, entries);
            String consistency = "";
            if (olderCheckpoint != null) {
                Checkpoint older = trust.checkpoint(olderCheckpoint, "older checkpoint");
                List<byte[]> proof = consistencyProof == null ? List.of()
                        : Entries.hashes(consistencyProof.get("proof"), null);
                if (!Merkle.verifyConsistency(older.treeSize(), checkpoint.treeSize(), older.rootHash(),
                        checkpoint.rootHash(), proof)) {
                    return Verdict.bad(null, "the checkpoint is not consistent with the older checkpoint");
                }
                consistency = "; the log only grew since the older checkpoint of size " + older.treeSize()
                        + " (consistency proof checked)";
            }
            return Verdict.ok("OK: the checkpoint of size " + checkpoint.treeSize() + " is signed by the log's key"
                    + (trust.witnesses().isEmpty() ? "" : " and cosigned by " + trust.quorum() + " witness(es)")
                    + "; " + entries.size() + " entries match their leaf hashes and policy fingerprints and are proven "
                    + "included in it" + consistency + told.stream().map(line -> "\n" + line).collect(Collectors.joining()));
        } catch (Verdict.Failure failure) {
            return failure.verdict;
        } catch (ClassCastException e) {
            return Verdict.bad(null, "the package is malformed");
        }
    }
}
