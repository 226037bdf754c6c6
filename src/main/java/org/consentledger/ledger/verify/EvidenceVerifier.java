package org.consentledger.ledger.verify;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Verifies an evidence package for one visitor: the checkpoint signature, every entry's leaf hash
 * and policy fingerprint, every inclusion proof up to the checkpoint, and that every policy
 * version an event says was shown is in the package. With an older checkpoint and a consistency
 * proof, it also checks that the log only grew since then.
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
            Set<Object> policyIds = new HashSet<>();
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
                if (Leaves.POLICY_VERSION.equals(entry.get("source"))) {
                    policyIds.add(((Map<String, Object>) entry.get("record")).get("id"));
                }
            }
            for (Object item : entries) {
                Map<String, Object> entry = (Map<String, Object>) item;
                Map<String, Object> record = (Map<String, Object>) entry.get("record");
                if (Leaves.CONSENT_EVENT.equals(entry.get("source"))
                        && record.get("documentVersionIds") instanceof List<?> shown && !policyIds.containsAll(shown)) {
                    return Verdict.bad((Long) entry.get("seq"), "a policy version it was shown is missing from the package");
                }
            }
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
                    + "included in it" + consistency);
        } catch (Verdict.Failure failure) {
            return failure.verdict;
        } catch (ClassCastException e) {
            return Verdict.bad(null, "the package is malformed");
        }
    }
}
