package org.consentledger.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The offline verifier on evidence packages that hold webhook delivery records: it names the
 * endpoints told of each event, and fails a record that was altered, or that is of an event the
 * package does not hold, of another visitor's event or of another site, even one the log signed.
 */
class DeliveryEvidenceTest {

    private static final List<String> SOURCES = List.of(Leaves.CONSENT_EVENT, Leaves.POLICY_VERSION,
            Leaves.WEBHOOK_DELIVERY);

    private final OtherLedger ledger = new OtherLedger("auditor.example/ledger");

    @Test
    void aPackageNamesTheEndpointToldOfTheEventAndWhen() {
        Verdict verdict = verify(ledger.goldenEvidence());

        assertThat(verdict.clean()).as(verdict.message()).isTrue();
        assertThat(verdict.message()).endsWith("\nevent " + GoldenRecords.EVENT_ID + ": endpoint "
                + GoldenRecords.WEBHOOK_ENDPOINT_ID + " (URL SHA-256 " + GoldenRecords.WEBHOOK_URL_SHA256
                + ") was told at 2026-01-31T12:00:02.500001Z and answered 204 (webhook-id msg_"
                + GoldenRecords.WEBHOOK_MESSAGE_ID + ", seq 2)");
    }

    @Test
    void aDeliveryWhoseTimeOrStatusWasAlteredFails() {
        String evidence = ledger.goldenEvidence();
        for (String[] edit : new String[][] { { "\"statusCode\":204", "\"statusCode\":200" },
                { "12:00:02.500001Z", "11:59:02.500001Z" } }) {
            assertThat(evidence).contains(edit[0]);

            Verdict verdict = verify(evidence.replace(edit[0], edit[1]));

            assertThat(verdict.clean()).isFalse();
            assertThat(verdict.message()).isEqualTo("record seq 2: the record does not match its leaf hash: it was altered");
        }
    }

    @Test
    void aDeliveryOfAnEventThePackageDoesNotHoldFails() {
        String evidence = ledger.evidence(List.of(Leaves.POLICY_VERSION, Leaves.WEBHOOK_DELIVERY),
                List.of(GoldenRecords.POLICY_VERSION, GoldenRecords.WEBHOOK_DELIVERY));

        assertThat(verify(evidence).message())
                .isEqualTo("record seq 1: the event it delivered is not in the package");
    }

    @Test
    void aSignedDeliveryOfAnotherVisitorsEventOrOfAnotherSiteFails() {
        Map<String, Object> someoneElses = Json.parseObject(ledger.goldenEvidence());
        someoneElses.put("visitorId", "a0000000-0000-4000-8000-000000000002");
        String otherSite = GoldenRecords.WEBHOOK_DELIVERY.replace("\"siteKey\":\"golden-v1\"", "\"siteKey\":\"other\"");

        assertThat(verify(CanonicalJson.string(someoneElses)).message())
                .isEqualTo("record seq 2: the event it delivered is of another visitor than the package's");
        assertThat(verify(ledger.evidence(SOURCES, List.of(GoldenRecords.CONSENT_EVENT, GoldenRecords.POLICY_VERSION,
                otherSite))).message()).isEqualTo("record seq 2: a delivery of another site is in the package");
    }

    private Verdict verify(String evidence) {
        return EvidenceVerifier.verify(Json.parseObject(evidence), ledger.key(), null, null);
    }
}
