package org.consentledger.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

/** A receipt's signature covers every byte of it, and its check against the ledger follows the promise. */
class ReceiptTest {

    private static final Instant INCLUDED_BY = Instant.parse("2026-01-31T12:01:01.250001Z");

    private final OtherLedger ledger = new OtherLedger("consent-ledger.local/ledger");

    @Test
    void aReceiptSignedByTheLedgerVerifiesWithItsKey() {
        Receipt receipt = Receipt.verify(Json.parseObject(ledger.goldenReceipt(INCLUDED_BY)), ledger.key());

        assertThat(receipt.eventId()).isEqualTo(GoldenRecords.EVENT_ID);
        assertThat(receipt.includedBy()).isEqualTo(INCLUDED_BY);
    }

    @Test
    void theReceiptsOfOneBatchShareOneSignatureAndEachVerifiesAlone() {
        List<Map<String, Object>> receipts = ledger.batch(threeRecords(), INCLUDED_BY);

        assertThat(receipts).extracting(r -> r.get("signature")).containsOnly(receipts.get(0).get("signature"));
        for (int i = 0; i < 3; i++) {
            Map<String, Object> receipt = Json.parseObject(CanonicalJson.string(receipts.get(i)));
            assertThat(Receipt.verify(receipt, ledger.key()).eventId()).isEqualTo("e0000000-0000-4000-8000-00000000000" + i);
            assertThat(receipt.get("batch")).asInstanceOf(InstanceOfAssertFactories.MAP)
                    .containsEntry("size", 3L).containsEntry("index", (long) i);
        }
    }

    @Test
    void anotherReceiptsPathOrIndexInTheSameBatchDoesNotVerify() {
        List<Map<String, Object>> receipts = ledger.batch(threeRecords(), INCLUDED_BY);
        Map<String, Object> borrowedPath = Json.parseObject(CanonicalJson.string(receipts.get(0)));
        borrowedPath.put("batch", receipts.get(1).get("batch"));
        Map<String, Object> movedIndex = Json.parseObject(CanonicalJson.string(receipts.get(2)));
        @SuppressWarnings("unchecked")
        Map<String, Object> batch = (Map<String, Object>) movedIndex.get("batch");
        batch.put("index", 0L);

        for (Map<String, Object> altered : List.of(borrowedPath, movedIndex)) {
            assertThatThrownBy(() -> Receipt.verify(altered, ledger.key())).isInstanceOf(Receipt.Rejected.class);
        }
    }

    @Test
    void changingAnyCharacterOfAReceiptInvalidatesIt() {
        // The middle one of three: its path holds two hashes.
        String text = CanonicalJson.string(ledger.batch(threeRecords(), INCLUDED_BY).get(1));
        int checked = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            char other = Character.isDigit(c) ? (char) ('0' + (c - '0' + 1) % 10)
                    : Character.isLetter(c) ? (Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c))
                    : c;
            if (other == c) {
                continue;
            }
            String altered = text.substring(0, i) + other + text.substring(i + 1);
            // Unreadable JSON (IllegalArgumentException) or a rejected receipt: never a valid one.
            assertThatThrownBy(() -> Receipt.verify(Json.parseObject(altered), ledger.key()))
                    .as("character %d changed: %s", i, altered)
                    .isInstanceOfAny(Receipt.Rejected.class, IllegalArgumentException.class);
            checked++;
        }
        assertThat(checked).as("letters and digits changed").isGreaterThan(500);
    }

    private static List<Map<String, Object>> threeRecords() {
        return List.of(0, 1, 2).stream().map(i -> Json.parseObject(GoldenRecords.CONSENT_EVENT
                .replace(GoldenRecords.EVENT_ID, "e0000000-0000-4000-8000-00000000000" + i))).toList();
    }

    @Test
    void aChangedOutcomeIsRejectedAsABadSignatureNamingTheSignature() {
        String altered = ledger.goldenReceipt(INCLUDED_BY).replace("\"analytics\":\"GRANTED\"", "\"analytics\":\"DENIED\"");

        assertThatThrownBy(() -> Receipt.verify(Json.parseObject(altered), ledger.key()))
                .isInstanceOfSatisfying(Receipt.Rejected.class, rejected -> {
                    assertThat(rejected.reason()).isEqualTo(Receipt.Rejected.Reason.BAD_SIGNATURE);
                    assertThat(rejected.field()).isEqualTo("signature");
                });
    }

    @Test
    void aReceiptOfAnotherLedgerIsNotJudgedWithThisKey() {
        OtherLedger other = new OtherLedger("other.example/log");

        assertThatThrownBy(() -> Receipt.verify(Json.parseObject(other.goldenReceipt(INCLUDED_BY)), ledger.key()))
                .isInstanceOfSatisfying(Receipt.Rejected.class, rejected -> {
                    assertThat(rejected.reason()).isEqualTo(Receipt.Rejected.Reason.OTHER_KEY);
                    assertThat(rejected.getMessage()).startsWith("the receipt is signed by other.example/log key ")
                            .endsWith("not by consent-ledger.local/ledger key " + ledger.keyIdHex());
                });
    }

    @Test
    void aForgeryThatClaimsTheLedgersKeyIsABadSignature() {
        OtherLedger forger = new OtherLedger("consent-ledger.local/ledger");
        Map<String, Object> forged = Json.parseObject(forger.goldenReceipt(INCLUDED_BY));
        forged.put("keyId", ledger.keyIdHex());

        assertThatThrownBy(() -> Receipt.verify(forged, ledger.key())).isInstanceOfSatisfying(Receipt.Rejected.class,
                rejected -> assertThat(rejected.reason()).isEqualTo(Receipt.Rejected.Reason.BAD_SIGNATURE));
    }

    @Test
    void theLedgersRecordDecidesIncludedOrViolatedAndTimeDecidesPendingOrViolated() {
        Receipt receipt = Receipt.verify(Json.parseObject(ledger.goldenReceipt(INCLUDED_BY)), ledger.key());
        Map<String, Object> record = Json.parseObject(GoldenRecords.CONSENT_EVENT);
        Map<String, Object> rewritten = Json.parseObject(GoldenRecords.CONSENT_EVENT.replace("PREFERENCES_SAVED", "ACCEPT_ALL")
                .replace("\"functional\":\"DENIED\"", "\"functional\":\"GRANTED\""));
        Instant before = INCLUDED_BY.minusMillis(1);

        assertThat(receipt.against(record, 9, INCLUDED_BY)).isEqualTo(new Receipt.Check(Receipt.Status.INCLUDED,
                "The checkpoint of size 9 holds event " + GoldenRecords.EVENT_ID + " exactly as receipted."));
        assertThat(receipt.against(rewritten, 9, before)).isEqualTo(new Receipt.Check(Receipt.Status.VIOLATED,
                "The ledger's record of event " + GoldenRecords.EVENT_ID + " differs from the receipt in: type, outcome."));
        assertThat(receipt.against(null, 9, before).status()).isEqualTo(Receipt.Status.PENDING);
        assertThat(receipt.against(null, 9, INCLUDED_BY)).isEqualTo(new Receipt.Check(Receipt.Status.VIOLATED,
                "Event " + GoldenRecords.EVENT_ID + " is not in the checkpoint of size 9, though it was promised by "
                        + INCLUDED_BY + "."));
    }
}
