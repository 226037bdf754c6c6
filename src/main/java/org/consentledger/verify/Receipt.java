package org.consentledger.verify;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * A receipt: the ledger's signed statement of one event exactly as it recorded it, and of the time
 * by which a signed checkpoint will hold it. A receipt is a JSON object with the fields
 * {@code format}, {@code version}, {@code log}, {@code keyId}, {@code event}, {@code includedBy},
 * {@code batch} and {@code signature}; its statement is the same object without {@code batch} and
 * {@code signature}. The receipts of one group commit share one Ed25519 signature, by the
 * checkpoint key: the statements are the leaves of an RFC 6962 Merkle tree, {@code batch} holds
 * the tree's size, the statement's index and its inclusion path, and the signature covers the
 * canonical JSON of the tree's size and root (format version 2). A version 1 receipt has no
 * {@code batch}, and its signature covers its statement alone; those issued before version 2
 * still verify. The event's fields are those of the ledger's v1 event record, under the same keys
 * and in the same formats, so that a receipt and the ledger's record are compared field by field.
 */
public record Receipt(Map<String, Object> event, Instant includedBy) {

    public static final String FORMAT = "consent-ledger-receipt";
    public static final long VERSION = 2;
    /** The format of the object a version 2 signature covers. */
    public static final String BATCH_FORMAT = "consent-ledger-receipt-batch";
    /** The fields of the ledger's event record that a receipt repeats. */
    public static final List<String> EVENT_FIELDS = List.of("eventId", "siteKey", "visitorId", "type",
            "documentVersionIds", "outcome", "jurisdiction", "receivedAt");
    private static final Set<String> FIELDS_V1 = Set.of("format", "version", "log", "keyId", "event", "includedBy",
            "signature");
    private static final Set<String> FIELDS = Set.of("format", "version", "log", "keyId", "event", "includedBy",
            "batch", "signature");
    private static final Set<String> BATCH_FIELDS = Set.of("size", "index", "path");
    /** A tree of 2^64 leaves has paths of 64 hashes; a longer one is no path. */
    private static final int LONGEST_PATH = 64;

    public enum Status {
        /** A signed checkpoint holds the event exactly as receipted. */
        INCLUDED,
        /** No signed checkpoint holds it yet, and its promised time has not come. */
        PENDING,
        /** The ledger broke the receipt's promise: the event is missing after its time, or recorded otherwise. */
        VIOLATED,
        /**
         * A signed checkpoint holds the event's leaf, but its record was purged under retention, as
         * a purge record in the ledger accounts for: the fields can no longer be compared.
         */
        PURGED
    }

    /** What the ledger says about one receipt, and why, in a sentence. */
    public record Check(Status status, String detail) {
    }

    /** Why a receipt proves nothing, and the field at fault. */
    public static final class Rejected extends RuntimeException {

        public enum Reason {
            MALFORMED,
            /** A well-formed receipt of another ledger, or of another key of this one. */
            OTHER_KEY,
            BAD_SIGNATURE
        }

        private final Reason reason;
        private final String field;

        Rejected(Reason reason, String field, String message) {
            super(message, null, false, false);
            this.reason = reason;
            this.field = field;
        }

        public Reason reason() {
            return reason;
        }

        public String field() {
            return field;
        }
    }

    /** What a ledger signs for one of its event records: the receipt without its signature. */
    public static Map<String, Object> statement(Checkpoint.VerifierKey key, Map<String, Object> eventRecord,
            Instant includedBy) {
        Map<String, Object> event = new LinkedHashMap<>();
        EVENT_FIELDS.forEach(field -> event.put(field, eventRecord.get(field)));
        Map<String, Object> statement = new LinkedHashMap<>();
        statement.put("format", FORMAT);
        statement.put("version", VERSION);
        statement.put("log", key.name());
        statement.put("keyId", HexFormat.of().formatHex(key.keyId()));
        statement.put("event", event);
        statement.put("includedBy", includedBy.toString());
        return statement;
    }

    /** A statement's leaf in its batch's Merkle tree: the RFC 6962 leaf hash of its canonical JSON. */
    public static byte[] leafHash(Map<String, Object> statement) {
        return Merkle.leafHash(CanonicalJson.bytes(statement));
    }

    /**
     * The receipts of one batch of statements, in their order, under one signature: {@code sign}
     * is called once, over {@link #batchBytes}.
     *
     * @param leafHashes each statement's {@link #leafHash}, computed where the statement was made
     */
    public static List<Map<String, Object>> signedBatch(Checkpoint.VerifierKey key, List<Map<String, Object>> statements,
            List<byte[]> leafHashes, UnaryOperator<byte[]> sign) {
        Merkle.PerfectSubtrees tree = Merkle.inMemory(leafHashes);
        int size = leafHashes.size();
        String signature = Base64.getEncoder().encodeToString(sign.apply(batchBytes(key.name(),
                HexFormat.of().formatHex(key.keyId()), size, Merkle.root(tree, size))));
        List<Map<String, Object>> receipts = new ArrayList<>(size);
        for (int index = 0; index < size; index++) {
            Map<String, Object> batch = new LinkedHashMap<>();
            batch.put("size", (long) size);
            batch.put("index", (long) index);
            batch.put("path", Merkle.inclusionProof(tree, index, size).stream()
                    .map(hash -> Base64.getEncoder().encodeToString(hash)).toList());
            Map<String, Object> receipt = new LinkedHashMap<>(statements.get(index));
            receipt.put("batch", batch);
            receipt.put("signature", signature);
            receipts.add(receipt);
        }
        return receipts;
    }

    /**
     * What one version 2 signature covers: the canonical JSON of
     * {@code {format: consent-ledger-receipt-batch, version, log, keyId, size, root}}, root in base64.
     */
    public static byte[] batchBytes(String log, String keyId, long size, byte[] root) {
        Map<String, Object> batch = new LinkedHashMap<>();
        batch.put("format", BATCH_FORMAT);
        batch.put("version", VERSION);
        batch.put("log", log);
        batch.put("keyId", keyId);
        batch.put("size", size);
        batch.put("root", Base64.getEncoder().encodeToString(root));
        return CanonicalJson.bytes(batch);
    }

    /** The receipt without {@code batch} and {@code signature}. */
    public static Map<String, Object> statementOf(Map<String, Object> receipt) {
        Map<String, Object> statement = new LinkedHashMap<>(receipt);
        statement.remove("batch");
        statement.remove("signature");
        return statement;
    }

    /**
     * Checks a receipt's form and its signature by {@code key}.
     *
     * @throws Rejected naming the field at fault, when the receipt proves nothing against this key
     */
    @SuppressWarnings("unchecked")
    public static Receipt verify(Map<String, Object> receipt, Checkpoint.VerifierKey key) {
        boolean batched = receipt.keySet().equals(FIELDS);
        if (!batched && !receipt.keySet().equals(FIELDS_V1)) {
            throw malformed("receipt", "must have exactly the fields " + new TreeSet<>(FIELDS));
        }
        if (!FORMAT.equals(receipt.get("format")) || !Long.valueOf(batched ? VERSION : 1).equals(receipt.get("version"))) {
            throw malformed("format", "must be " + FORMAT + ", version " + VERSION + " (or 1, without batch)");
        }
        String keyId = HexFormat.of().formatHex(key.keyId());
        if (!key.name().equals(receipt.get("log")) || !keyId.equals(receipt.get("keyId"))) {
            throw new Rejected(Rejected.Reason.OTHER_KEY, "signature", "the receipt is signed by " + receipt.get("log")
                    + " key " + receipt.get("keyId") + ", not by " + key.name() + " key " + keyId);
        }
        if (!(receipt.get("event") instanceof Map<?, ?> event) || !event.keySet().equals(Set.copyOf(EVENT_FIELDS))
                || !(event.get("eventId") instanceof String)) {
            throw malformed("event", "must have exactly the fields " + new TreeSet<>(EVENT_FIELDS));
        }
        Instant includedBy = instant(receipt.get("includedBy"));
        byte[] statement;
        try {
            statement = CanonicalJson.bytes(statementOf(receipt));
        } catch (IllegalArgumentException e) {
            throw malformed("event", "holds a value that canonical JSON does not allow");
        }
        byte[] signed = batched ? batchBytesLeadingTo(key.name(), keyId, receipt.get("batch"), Merkle.leafHash(statement))
                : statement;
        if (!Ed25519.verify(key.rawPublicKey(), signed, signature(receipt.get("signature")))) {
            throw new Rejected(Rejected.Reason.BAD_SIGNATURE, "signature",
                    "does not verify with the ledger's key: the receipt was altered or forged");
        }
        return new Receipt((Map<String, Object>) event, includedBy);
    }

    /** The bytes a version 2 signature must cover for the statement's leaf to be in the batch. */
    private static byte[] batchBytesLeadingTo(String log, String keyId, Object batch, byte[] leafHash) {
        if (!(batch instanceof Map<?, ?> fields) || !fields.keySet().equals(BATCH_FIELDS)
                || !(fields.get("size") instanceof Long size) || !(fields.get("index") instanceof Long index)
                || !(fields.get("path") instanceof List<?> path) || path.size() > LONGEST_PATH) {
            throw malformed("batch", "must have exactly the fields " + new TreeSet<>(BATCH_FIELDS)
                    + ": two integers and a list of base64 hashes");
        }
        List<byte[]> hashes = path.stream().map(Receipt::hash).toList();
        byte[] root = Merkle.rootFromInclusion(leafHash, index, size, hashes);
        if (root == null) {
            throw malformed("batch", "the path does not lead from index " + index + " to the root of a tree of size " + size);
        }
        return batchBytes(log, keyId, size.longValue(), root);
    }

    public String eventId() {
        return (String) event.get("eventId");
    }

    /**
     * What the ledger's record of this event says about the receipt.
     *
     * @param record the event's record in the signed checkpoint of size {@code treeSize}, or null when
     *               that checkpoint does not hold it
     * @param now    the time the promise is judged at
     */
    public Check against(Map<String, Object> record, long treeSize, Instant now) {
        if (record != null) {
            List<String> differing = EVENT_FIELDS.stream()
                    .filter(f -> !CanonicalJson.string(event.get(f)).equals(CanonicalJson.string(record.get(f)))).toList();
            return differing.isEmpty()
                    ? new Check(Status.INCLUDED, "The checkpoint of size " + treeSize + " holds event " + eventId()
                            + " exactly as receipted.")
                    : new Check(Status.VIOLATED, "The ledger's record of event " + eventId()
                            + " differs from the receipt in: " + String.join(", ", differing) + ".");
        }
        return now.isBefore(includedBy)
                ? new Check(Status.PENDING, "Event " + eventId() + " is not in the checkpoint of size " + treeSize
                        + " yet; it is promised by " + includedBy + ".")
                : new Check(Status.VIOLATED, "Event " + eventId() + " is not in the checkpoint of size " + treeSize
                        + ", though it was promised by " + includedBy + ".");
    }

    /** The check of a receipt whose event's leaf is in the checkpoint, redacted by purge {@code purgedBy}. */
    public Check purged(long treeSize, long purgedBy) {
        return new Check(Status.PURGED, "The checkpoint of size " + treeSize + " holds the leaf of event " + eventId()
                + "; its record was purged under the site's retention period (purge record " + purgedBy
                + " in the admin log), so its fields can no longer be compared.");
    }

    private static Instant instant(Object value) {
        try {
            return Instant.parse((String) value);
        } catch (ClassCastException | NullPointerException | DateTimeParseException e) {
            throw malformed("includedBy", "must be an ISO 8601 instant");
        }
    }

    private static byte[] hash(Object base64) {
        byte[] bytes = strictBase64(base64, 32);
        if (bytes == null) {
            throw malformed("batch", "path must hold the base64 of 32-byte hashes");
        }
        return bytes;
    }

    /** The bytes of exactly {@code length}, when the text is exactly how they encode; else null. */
    private static byte[] strictBase64(Object base64, int length) {
        try {
            byte[] bytes = Base64.getDecoder().decode((String) base64);
            if (bytes.length == length && Base64.getEncoder().encodeToString(bytes).equals(base64)) {
                return bytes;
            }
        } catch (RuntimeException e) {
            // null below
        }
        return null;
    }

    /** Strict base64, as for hashes: the text must be exactly how the 64 bytes encode. */
    private static byte[] signature(Object base64) {
        byte[] bytes = strictBase64(base64, 64);
        if (bytes == null) {
            throw malformed("signature", "must be the base64 of a 64-byte Ed25519 signature");
        }
        return bytes;
    }

    private static Rejected malformed(String field, String message) {
        return new Rejected(Rejected.Reason.MALFORMED, field, message);
    }
}
