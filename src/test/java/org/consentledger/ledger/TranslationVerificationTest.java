package org.consentledger.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.consentledger.support.Api.asAdmin;
import static org.consentledger.support.Api.asAuditor;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.consentledger.support.Api;
import org.consentledger.support.Ledger;
import org.consentledger.verify.CanonicalJson;
import org.consentledger.verify.Checkpoint;
import org.consentledger.verify.ExportVerifier;
import org.consentledger.verify.Json;
import org.consentledger.verify.Leaves;
import org.consentledger.verify.Verdict;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** The offline verifier checks each translation's sha256 as it checks each policy version's. */
@QuarkusTest
class TranslationVerificationTest {

    private Checkpoint.VerifierKey key;
    private List<String> lines;
    private int translation;

    @BeforeEach
    void exportALedgerWithATranslation() {
        key = Checkpoint.VerifierKey.parse(Ledger.verifierKey());
        String siteKey = Api.createSite();
        String versionId = Api.publish(siteKey, "PRIVACY_POLICY", "1.0", true);
        String id = asAdmin().body(Map.of("language", "pl", "title", "Polityka prywatności",
                        "url", "https://www.example.com/pl/prywatnosc", "content", "Przechowujemy tylko to, co musimy."))
                .post("/api/v1/admin/sites/" + siteKey + "/policy-versions/" + versionId + "/translations")
                .then().statusCode(201).extract().path("id");
        Ledger.awaitExportedRecord(Leaves.POLICY_TRANSLATION, "id", id);
        lines = new ArrayList<>(List.of(asAuditor().get("/api/v1/ledger/export").then().statusCode(200)
                .extract().asString().split("\n")));
        translation = lineOf(id);
    }

    @Test
    void anExportWithTranslationsVerifies() {
        Verdict verdict = verify(lines);
        assertThat(verdict.clean()).as(verdict.message()).isTrue();
    }

    @Test
    void anAlteredTranslationIsCaughtAndNamed() {
        long seq = seqAt(translation);
        lines.set(translation, lines.get(translation).replace("tylko to", "wszystko"));

        Verdict verdict = verify(lines);

        assertThat(verdict.clean()).isFalse();
        assertThat(verdict.badSeq()).as(verdict.message()).isEqualTo(seq);
    }

    /** Even with its leaf hash made to match, a text that is not the one its sha256 names is caught. */
    @Test
    @SuppressWarnings("unchecked")
    void aTranslationWhoseTextDoesNotMatchItsSha256IsCaughtEvenWithAMatchingLeafHash() {
        Map<String, Object> entry = Json.parseObject(lines.get(translation));
        long seq = (Long) entry.get("seq");
        Map<String, Object> record = (Map<String, Object>) entry.get("record");
        record.put("content", "Sprzedajemy wszystko.");
        entry.put("leafHash", Base64.getEncoder().encodeToString(Leaves.hash(seq, Leaves.POLICY_TRANSLATION, record)));
        lines.set(translation, CanonicalJson.string(entry));

        Verdict verdict = verify(lines);

        assertThat(verdict.clean()).isFalse();
        assertThat(verdict.badSeq()).isEqualTo(seq);
        assertThat(verdict.message()).contains("does not match its sha256");
    }

    private int lineOf(String id) {
        for (int i = 1; i < lines.size(); i++) {
            Map<String, Object> entry = Json.parseObject(lines.get(i));
            if (Leaves.POLICY_TRANSLATION.equals(entry.get("source")) && id.equals(((Map<?, ?>) entry.get("record")).get("id"))) {
                return i;
            }
        }
        throw new AssertionError("translation " + id + " is not in the export");
    }

    private long seqAt(int index) {
        return (Long) Json.parseObject(lines.get(index)).get("seq");
    }

    private Verdict verify(List<String> export) {
        try {
            return ExportVerifier.verify(new BufferedReader(new StringReader(String.join("\n", export))), key, null);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
