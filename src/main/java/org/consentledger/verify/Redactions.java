package org.consentledger.verify;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The redacted entries of an export, checked against the purge records that account for them.
 * Each redacted entry names a purge record (an admin log entry with action PURGE_EVENTS), which
 * must be in the same export, after every leaf it redacts, and state exactly those leaves: their
 * number and the SHA-256 of their eventIds (their record keys without the site), each followed by
 * a line feed, in ascending order.
 * A record deleted any other way still fails the verification.
 */
final class Redactions {

    static final String PURGE_ACTION = "PURGE_EVENTS";

    private record Purge(long seq, Map<String, Object> statement) {
    }

    private final Map<Long, List<String>> redactedBy = new TreeMap<>();
    private final Map<Long, Long> lastRedactedSeq = new HashMap<>();
    private final Map<Long, Purge> purges = new HashMap<>();

    /** A redacted entry: its leaf hash, taken as stated until {@link #check()} accounts for it. */
    @SuppressWarnings("unchecked")
    byte[] redacted(Map<String, Object> entry, long seq) {
        byte[] leafHash = Entries.redactedLeafHash(entry, seq);
        if (!(entry.get("redacted") instanceof Map<?, ?> redacted) || !redacted.keySet().equals(java.util.Set.of(
                "recordKey", "purgedBy")) || !(redacted.get("recordKey") instanceof String key)
                || !(redacted.get("purgedBy") instanceof Long purgedBy)) {
            throw new Verdict.Failure(seq, "a redacted entry must state its recordKey and the purgedBy admin log id");
        }
        redactedBy.computeIfAbsent(purgedBy, id -> new ArrayList<>()).add(key);
        lastRedactedSeq.put(purgedBy, seq);
        return leafHash;
    }

    /** Notes an entry whose leaf hash checked out, in case it is a purge record. */
    @SuppressWarnings("unchecked")
    void verified(Map<String, Object> entry, long seq) {
        Map<String, Object> record = (Map<String, Object>) entry.get("record");
        if (Leaves.ADMIN_LOG.equals(entry.get("source")) && PURGE_ACTION.equals(record.get("action"))
                && record.get("id") instanceof Long id && record.get("after") instanceof Map<?, ?> after) {
            purges.put(id, new Purge(seq, (Map<String, Object>) after));
        }
    }

    /** Fails unless every redacted entry is accounted for by its purge record. */
    void check() {
        redactedBy.forEach((purgeId, keys) -> {
            if (!purges.containsKey(purgeId)) {
                throw new Verdict.Failure(null, keys.size() + " records are redacted by purge " + purgeId
                        + ", whose purge record is not in this export");
            }
        });
        redactedBy.forEach((purgeId, keys) -> {
            Purge purge = purges.get(purgeId);
            if (purge.seq() < lastRedactedSeq.get(purgeId)) {
                throw new Verdict.Failure(purge.seq(), "purge " + purgeId + " comes before a record it redacts");
            }
            Object events = purge.statement().get("events");
            if (!(events instanceof Long n) || n != keys.size()) {
                throw new Verdict.Failure(purge.seq(), "purge " + purgeId + " states " + events + " events, but "
                        + keys.size() + " records are redacted by it");
            }
            // An event's key is "<siteKey>/<eventId>", or its eventId alone before V30; the purge
            // states the eventIds, and how many events of each site it removed.
            if (!digest(keys.stream().map(key -> key.substring(key.indexOf('/') + 1)).toList())
                    .equals(purge.statement().get("eventIdsSha256"))) {
                throw new Verdict.Failure(purge.seq(), "the records redacted by purge " + purgeId
                        + " are not the ones its record states");
            }
            Map<String, Long> ofSite = new TreeMap<>();
            keys.stream().filter(key -> key.indexOf('/') > 0)
                    .forEach(key -> ofSite.merge(key.substring(0, key.indexOf('/')), 1L, Long::sum));
            ofSite.forEach((siteKey, redacted) -> {
                if (!(purge.statement().get("bySite") instanceof Map<?, ?> bySite)
                        || !(bySite.get(siteKey) instanceof Long stated) || stated < redacted) {
                    throw new Verdict.Failure(purge.seq(), "purge " + purgeId + " redacts " + redacted + " records of site "
                            + siteKey + ", more than its record states for it");
                }
            });
        });
    }

    int redactedCount() {
        return redactedBy.values().stream().mapToInt(List::size).sum();
    }

    int purgeCount() {
        return redactedBy.size();
    }

    private static String digest(List<String> keys) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            keys.stream().sorted().forEach(key -> sha256.update((key + "\n").getBytes(StandardCharsets.UTF_8)));
            return HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
