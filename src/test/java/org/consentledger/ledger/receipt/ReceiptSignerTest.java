package org.consentledger.ledger.receipt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.inject.Inject;

import org.consentledger.consent.EventRequest;
import org.consentledger.consent.EventType;
import org.consentledger.consent.NewEvent;
import org.consentledger.consent.Outcome;
import org.consentledger.consent.Outcome.Grant;
import org.consentledger.consent.ReceiptIssuer;
import org.consentledger.jurisdiction.Jurisdiction;
import org.consentledger.support.Ledger;
import org.consentledger.verify.CanonicalJson;
import org.consentledger.verify.Checkpoint;
import org.consentledger.verify.GoldenRecords;
import org.consentledger.verify.Json;
import org.consentledger.verify.Receipt;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Receipt format version 2, byte for byte: the statement made for the golden event (the one whose
 * ledger record GoldenRecords pins) with the test key and the default merge delay of one minute,
 * signed alone, as a replay is. Ed25519 signatures are deterministic, so the signature is pinned
 * too. A version 1 receipt, as issued before, still verifies.
 */
@QuarkusTest
class ReceiptSignerTest {

    static final String STATEMENT_V1 = "{\"event\":{"
            + "\"documentVersionIds\":[\"10000000-0000-4000-8000-000000000001\"],"
            + "\"eventId\":\"e0000000-0000-4000-8000-000000000001\","
            + "\"jurisdiction\":{\"country\":\"DE\",\"eea\":true,\"source\":\"HEADER\"},"
            + "\"outcome\":{\"acknowledged\":[\"10000000-0000-4000-8000-000000000001\"],\"basis\":\"EXPLICIT\","
            + "\"categories\":{\"analytics\":\"GRANTED\",\"functional\":\"DENIED\",\"marketing\":\"DENIED\","
            + "\"necessary\":\"GRANTED\"}},"
            + "\"receivedAt\":\"2026-01-31T12:00:01.250001Z\","
            + "\"siteKey\":\"golden-v1\","
            + "\"type\":\"PREFERENCES_SAVED\","
            + "\"visitorId\":\"a0000000-0000-4000-8000-000000000001\"},"
            + "\"format\":\"consent-ledger-receipt\","
            + "\"includedBy\":\"2026-01-31T12:01:01.250001Z\","
            + "\"keyId\":\"5fda5296\","
            + "\"log\":\"consent-ledger.local/ledger\","
            + "\"version\":1}";

    /** Computed apart from this code: {@code openssl pkeyutl -sign -rawin} with the test key over STATEMENT_V1. */
    static final String SIGNATURE_V1 = "2zuIUPLgekCv6JBqgt+5nrsT0/lxLQ0Jq27xRS3Obf7ecQ56A5bIato95jFwM61KQJCUYQBiaraLzxdacq53CA==";

    static final String STATEMENT = STATEMENT_V1.replace("\"version\":1}", "\"version\":2}");

    /**
     * What the signature of a batch of one covers. The root, computed apart from this code, is
     * base64 of SHA-256 of a zero byte and STATEMENT: {@code (printf '\0'; printf %s "$STATEMENT") | sha256sum}.
     */
    static final String BATCH_OF_ONE = "{\"format\":\"consent-ledger-receipt-batch\",\"keyId\":\"5fda5296\","
            + "\"log\":\"consent-ledger.local/ledger\",\"root\":\"5bacCnd3nkbcRIzPYWueayTlBwvYF9mHQF1Lkwo4H8Y=\","
            + "\"size\":1,\"version\":2}";

    /** Computed apart from this code: {@code openssl pkeyutl -sign -rawin} with the test key over BATCH_OF_ONE. */
    static final String SIGNATURE = "FPyrA4BHbWDnehAyQ/OEg0mq/D9KvFitD8ExYAk+BBkRMSIcWMsn7HufZxOwR/JjDoB4arR98ES80p8em6TpBg==";

    @Inject
    ReceiptIssuer receipts;

    @Test
    void theGoldenEventsReceiptSignedAloneSignsTheseExactBytes() {
        Checkpoint.VerifierKey key = Checkpoint.VerifierKey.parse(Ledger.verifierKey());
        Map<String, Object> receipt = receipts.receiptFor(goldenEvent());

        assertThat(CanonicalJson.string(Receipt.statementOf(receipt))).isEqualTo(STATEMENT);
        assertThat(receipt.get("batch")).isEqualTo(Map.of("size", 1L, "index", 0L, "path", List.of()));
        assertThat(new String(Receipt.batchBytes(key.name(), "5fda5296", 1, Receipt.leafHash(Receipt.statementOf(receipt))),
                StandardCharsets.UTF_8)).isEqualTo(BATCH_OF_ONE);
        assertThat(receipt.get("signature")).isEqualTo(SIGNATURE);
        assertThat(Receipt.verify(receipt, key).eventId()).isEqualTo(GoldenRecords.EVENT_ID);
    }

    @Test
    void aVersion1ReceiptIssuedBeforeBatchesStillVerifies() {
        Checkpoint.VerifierKey key = Checkpoint.VerifierKey.parse(Ledger.verifierKey());
        Map<String, Object> receipt = Json.parseObject(STATEMENT_V1);
        receipt.put("signature", SIGNATURE_V1);

        assertThat(Receipt.verify(receipt, key).eventId()).isEqualTo(GoldenRecords.EVENT_ID);
        receipt.put("version", 2L);
        assertThatThrownBy(() -> Receipt.verify(receipt, key)).isInstanceOfSatisfying(Receipt.Rejected.class,
                rejected -> assertThat(rejected.field()).isEqualTo("format"));
    }

    @Test
    void eventsSignedTogetherShareTheSignatureAndEachProvesItsOwnStatement() {
        Checkpoint.VerifierKey key = Checkpoint.VerifierKey.parse(Ledger.verifierKey());
        NewEvent golden = goldenEvent();
        NewEvent other = new NewEvent(golden.siteId(), golden.siteKey(), golden.stated(), golden.outcome(),
                golden.jurisdiction(), golden.userAgent(), golden.ipPrefix(), golden.receivedAt().plusSeconds(1),
                golden.requestHash(), golden.retainUntil());
        List<Map<String, Object>> signed = receipts.sign(List.of(receipts.statementOf(golden), receipts.statementOf(other)));

        assertThat(signed.get(1).get("signature")).isEqualTo(signed.get(0).get("signature")).isNotEqualTo(SIGNATURE);
        assertThat(signed).extracting(receipt -> Receipt.verify(receipt, key).includedBy()).containsExactly(
                Instant.parse("2026-01-31T12:01:01.250001Z"), Instant.parse("2026-01-31T12:01:02.250001Z"));
    }

    @Test
    void theReceiptsEventRepeatsTheLedgersRecordFieldForField() {
        Map<String, Object> record = Json.parseObject(GoldenRecords.CONSENT_EVENT);
        @SuppressWarnings("unchecked")
        Map<String, Object> event = (Map<String, Object>) receipts.receiptFor(goldenEvent()).get("event");

        assertThat(event.keySet()).containsExactlyElementsOf(Receipt.EVENT_FIELDS);
        for (String field : Receipt.EVENT_FIELDS) {
            assertThat(CanonicalJson.string(event.get(field))).as(field).isEqualTo(CanonicalJson.string(record.get(field)));
        }
    }

    /** The event of GoldenRecords.CONSENT_EVENT, as ingestion builds it. */
    private static NewEvent goldenEvent() {
        UUID policy = UUID.fromString(GoldenRecords.POLICY_VERSION_ID);
        EventRequest stated = new EventRequest(UUID.fromString(GoldenRecords.EVENT_ID),
                UUID.fromString(GoldenRecords.VISITOR_ID), EventType.PREFERENCES_SAVED, List.of(policy),
                List.of("analytics"), "https://www.example.com/shop/cart", null,
                OffsetDateTime.parse("2026-01-31T12:00:00Z"), true, null, null);
        Outcome outcome = new Outcome(Outcome.Basis.EXPLICIT, new TreeMap<>(Map.of("analytics", Grant.GRANTED,
                "functional", Grant.DENIED, "marketing", Grant.DENIED, "necessary", Grant.GRANTED)), List.of(policy));
        return new NewEvent(UUID.fromString(GoldenRecords.SITE_ID), GoldenRecords.SITE_KEY, stated, outcome,
                new Jurisdiction("DE", true, Jurisdiction.Source.HEADER), "Mozilla/5.0 (Golden)", "203.0.113.0/24",
                Instant.parse("2026-01-31T12:00:01.250001Z"), "0".repeat(64),
                LocalDate.of(2028, 5, 1));
    }
}
