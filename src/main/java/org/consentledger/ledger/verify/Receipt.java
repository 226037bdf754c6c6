package org.consentledger.ledger.verify;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A receipt (format version 1): the ledger's signed statement of one event exactly as it recorded
 * it, and of the time by which a signed checkpoint will hold it. A receipt is a JSON object with
 * the fields {@code format}, {@code version}, {@code log}, {@code keyId}, {@code event},
 * {@code includedBy} and {@code signature}: an Ed25519 signature, by the checkpoint key, over the
 * canonical JSON of the same object without {@code signature}. The event's fields are those of the
 * ledger's v1 event record, under the same keys and in the same formats, so that a receipt and
 * the ledger's record are compared field by field.
 */
public record Receipt(Map<String, Object> event, Instant includedBy) {

    public static final String FORMAT = "consent-ledger-receipt";
    public static final long VERSION = 1;
    /** The fields of the ledger's event record that a receipt repeats. */
    public static final List<String> EVENT_FIELDS = List.of("eventId", "siteKey", "visitorId", "type",
            "documentVersionIds", "outcome", "jurisdiction", "receivedAt");
    private static final Set<String> FIELDS = Set.of("format", "version", "log", "keyId", "event", "includedBy",
            "signature");

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

    /** The bytes a receipt's signature covers: the canonical JSON of the receipt without its signature. */
    public static byte[] signedBytes(Map<String, Object> receipt) {
        Map<String, Object> statement = new LinkedHashMap<>(receipt);
        statement.remove("signature");
        return CanonicalJson.bytes(statement);
    }

    public static Map<String, Object> signed(Map<String, Object> statement, byte[] signature) {
        Map<String, Object> receipt = new LinkedHashMap<>(statement);
        receipt.put("signature", Base64.getEncoder().encodeToString(signature));
        return receipt;
    }

    /**
     * Checks a receipt's form and its signature by {@code key}.
     *
     * @throws Rejected naming the field at fault, when the receipt proves nothing against this key
     */
    @SuppressWarnings("unchecked")
    public static Receipt verify(Map<String, Object> receipt, Checkpoint.VerifierKey key) {
        if (!receipt.keySet().equals(FIELDS)) {
            throw malformed("receipt", "must have exactly the fields " + new TreeSet<>(FIELDS));
        }
        if (!FORMAT.equals(receipt.get("format")) || !Long.valueOf(VERSION).equals(receipt.get("version"))) {
            throw malformed("format", "must be " + FORMAT + ", version " + VERSION);
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
        byte[] message;
        try {
            message = signedBytes(receipt);
        } catch (IllegalArgumentException e) {
            throw malformed("event", "holds a value that canonical JSON does not allow");
        }
        if (!Ed25519.verify(key.rawPublicKey(), message, signature(receipt.get("signature")))) {
            throw new Rejected(Rejected.Reason.BAD_SIGNATURE, "signature",
                    "does not verify with the ledger's key: the receipt was altered or forged");
        }
        return new Receipt((Map<String, Object>) event, includedBy);
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

    /** Strict base64, as for hashes: the text must be exactly how the 64 bytes encode. */
    private static byte[] signature(Object base64) {
        try {
            byte[] bytes = Base64.getDecoder().decode((String) base64);
            if (bytes.length == 64 && Base64.getEncoder().encodeToString(bytes).equals(base64)) {
                return bytes;
            }
        } catch (RuntimeException e) {
            // reported below
        }
        throw malformed("signature", "must be the base64 of a 64-byte Ed25519 signature");
    }

    private static Rejected malformed(String field, String message) {
        return new Rejected(Rejected.Reason.MALFORMED, field, message);
    }
}
