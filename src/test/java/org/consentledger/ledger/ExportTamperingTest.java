package org.consentledger.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.consentledger.support.Api.asAuditor;

import java.io.BufferedReader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import jakarta.inject.Inject;

import org.consentledger.support.Api;
import org.consentledger.support.Ledger;
import org.consentledger.verify.CanonicalJson;
import org.consentledger.verify.Checkpoint;
import org.consentledger.verify.ExportVerifier;
import org.consentledger.verify.Json;
import org.consentledger.verify.Leaves;
import org.consentledger.verify.Merkle;
import org.consentledger.verify.Verdict;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The offline verifier against a real export from the service, altered the ways a dishonest
 * operator or a compromised database might alter it. Every alteration must be caught, and where
 * a record is at fault, named.
 */
@Tag("database")
@QuarkusTest
class ExportTamperingTest {

    @Inject
    LedgerKeys keys;

    private Checkpoint.VerifierKey key;
    private String olderCheckpoint;
    private List<String> lines;

    @BeforeEach
    void exportALedgerWithEventsAndPolicies() throws Exception {
        key = Checkpoint.VerifierKey.parse(Ledger.verifierKey());
        String siteKey = Api.siteWithPolicies();
        Ledger.awaitInclusion(LedgerResourceTest.postEvent(siteKey, UUID.randomUUID(), "ACCEPT_ALL"));
        olderCheckpoint = asAuditor().get("/api/v1/ledger/checkpoint").then().statusCode(200).extract().asString();
        UUID last = null;
        for (int i = 0; i < 6; i++) {
            last = LedgerResourceTest.postEvent(siteKey, UUID.randomUUID(), i % 2 == 0 ? "BANNER_CLOSED" : "REJECT_ALL");
        }
        Ledger.awaitInclusion(last);
        String export = asAuditor().get("/api/v1/ledger/export").then().statusCode(200).extract().asString();
        lines = new ArrayList<>(List.of(export.split("\n")));
        assertThat(verify(lines, null).clean()).isTrue();
        assertThat(verify(lines, olderCheckpoint).clean()).isTrue();
    }

    @Test
    void aByteChangedInOneEventIsCaughtAndNamed() {
        int index = lastLineOf(Leaves.CONSENT_EVENT);
        lines.set(index, lines.get(index).replace("Mozilla/5.0 (test)", "Mozilla/5.0 (tesT)"));
        assertCaught(verify(lines, null), seqAt(index));
    }

    @Test
    void aDeletedEventIsCaughtAndNamed() {
        int index = lastLineOf(Leaves.CONSENT_EVENT) - 1;
        long missing = seqAt(index);
        lines.remove(index);
        assertCaught(verify(lines, null), missing);
    }

    @Test
    void twoSwappedEventsAreCaught() {
        int second = lastLineOf(Leaves.CONSENT_EVENT);
        int first = second - 1;
        String line = lines.get(first);
        lines.set(first, lines.get(second));
        lines.set(second, line);
        assertCaught(verify(lines, null), first - 1L);
    }

    @Test
    void anEventInsertedOutOfOrderIsCaughtAndNamed() {
        int index = lastLineOf(Leaves.CONSENT_EVENT) - 2;
        long position = seqAt(index);
        Map<String, Object> forged = Json.parseObject(lines.get(index + 1));
        @SuppressWarnings("unchecked")
        Map<String, Object> record = (Map<String, Object>) forged.get("record");
        record.put("eventId", UUID.randomUUID().toString());
        record.put("type", "ACCEPT_ALL");
        forged.put("seq", position);
        forged.put("leafHash", Base64.getEncoder().encodeToString(Leaves.hash(position, Leaves.CONSENT_EVENT, record)));
        lines.add(index, CanonicalJson.string(forged));
        assertCaught(verify(lines, null), position + 1);
    }

    @Test
    void anAlteredPolicyTextIsCaughtAndNamed() {
        int index = lastLineOf(Leaves.POLICY_VERSION);
        lines.set(index, lines.get(index).replace("Full text of", "Revised text of"));
        assertCaught(verify(lines, null), seqAt(index));
    }

    @Test
    void aForgedOrResignedCheckpointIsRejected() throws Exception {
        Map<String, Object> header = Json.parseObject(lines.get(0));
        String note = (String) header.get("checkpoint");
        String[] body = note.split("\n");
        header.put("checkpoint", note.replace("\n" + body[1] + "\n", "\n" + (Long.parseLong(body[1]) - 1) + "\n"));
        List<String> edited = new ArrayList<>(lines);
        edited.set(0, CanonicalJson.string(header));
        Verdict forged = verify(edited, null);
        assertThat(forged.clean()).isFalse();
        assertThat(forged.message()).contains("signature does not verify");

        var otherKey = java.security.KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        var signer = java.security.Signature.getInstance("Ed25519");
        signer.initSign(otherKey.getPrivate());
        Checkpoint original = new Checkpoint(body[0], Long.parseLong(body[1]), Base64.getDecoder().decode(body[2]));
        signer.update(original.body().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        header.put("checkpoint", original.signedNote(key.name(), key.keyId(), signer.sign()));
        edited.set(0, CanonicalJson.string(header));
        Verdict resigned = verify(edited, null);
        assertThat(resigned.clean()).isFalse();
        assertThat(resigned.message()).contains("signature does not verify");
    }

    @Test
    void aRewrittenHistoryConsistentWithItselfFailsAgainstAnOlderCheckpoint() {
        // The operator rewrites the first event and re-signs everything with its own key.
        List<String> rewritten = new ArrayList<>();
        List<byte[]> leaves = new ArrayList<>();
        boolean changed = false;
        for (String line : lines.subList(1, lines.size())) {
            Map<String, Object> entry = Json.parseObject(line);
            @SuppressWarnings("unchecked")
            Map<String, Object> record = (Map<String, Object>) entry.get("record");
            if (!changed && Leaves.CONSENT_EVENT.equals(entry.get("source"))) {
                // Whatever the first event was (earlier test classes may have recorded a rejection first).
                record.put("type", "REJECT_ALL".equals(record.get("type")) ? "ACCEPT_ALL" : "REJECT_ALL");
                changed = true;
            }
            byte[] leaf = Leaves.hash((Long) entry.get("seq"), (String) entry.get("source"), record);
            entry.put("leafHash", Base64.getEncoder().encodeToString(leaf));
            leaves.add(leaf);
            rewritten.add(CanonicalJson.string(entry));
        }
        Map<String, Object> header = Json.parseObject(lines.get(0));
        header.put("checkpoint", keys.signedNote(new Checkpoint(key.name(), leaves.size(), Merkle.root(leaves))));
        rewritten.add(0, CanonicalJson.string(header));

        assertThat(verify(rewritten, null).clean()).as("self-consistent on its own").isTrue();
        Verdict againstOlder = verify(rewritten, olderCheckpoint);
        assertThat(againstOlder.clean()).isFalse();
        assertThat(againstOlder.message()).contains("history was rewritten");
    }

    @Test
    void aHundredRandomAlterationsAreAllCaught() {
        Random random = new Random(20261127);
        String printable = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 \"\\{}[],:.-+/=";
        for (int trial = 0; trial < 100; trial++) {
            List<String> altered = new ArrayList<>(lines);
            int index = 1 + random.nextInt(altered.size() - 1);
            String description;
            switch (trial % 4) {
                case 0 -> {
                    String line = altered.get(index);
                    int at = random.nextInt(line.length());
                    char replacement;
                    do {
                        replacement = printable.charAt(random.nextInt(printable.length()));
                    } while (replacement == line.charAt(at));
                    altered.set(index, line.substring(0, at) + replacement + line.substring(at + 1));
                    description = "character " + at + " of line " + index + " changed to " + replacement;
                }
                case 1 -> {
                    altered.remove(index);
                    description = "line " + index + " deleted";
                }
                case 2 -> {
                    int other = 1 + random.nextInt(altered.size() - 1);
                    if (other == index) {
                        other = index == 1 ? 2 : index - 1;
                    }
                    String line = altered.get(index);
                    altered.set(index, altered.get(other));
                    altered.set(other, line);
                    description = "lines " + index + " and " + other + " swapped";
                }
                default -> {
                    altered.add(1 + random.nextInt(altered.size() - 1), altered.get(index));
                    description = "line " + index + " duplicated";
                }
            }
            assertThat(verify(altered, null).clean()).as(description).isFalse();
        }
    }

    private Verdict verify(List<String> export, String older) {
        try {
            return ExportVerifier.verify(new BufferedReader(new StringReader(String.join("\n", export))), key, older);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private int lastLineOf(String source) {
        for (int i = lines.size() - 1; i > 0; i--) {
            if (source.equals(Json.parseObject(lines.get(i)).get("source"))) {
                return i;
            }
        }
        throw new AssertionError("No " + source + " in the export");
    }

    private long seqAt(int index) {
        return (Long) Json.parseObject(lines.get(index)).get("seq");
    }

    private static void assertCaught(Verdict verdict, long expectedSeq) {
        assertThat(verdict.clean()).as("tampering caught").isFalse();
        assertThat(verdict.badSeq()).as(verdict.message()).isEqualTo(expectedSeq);
        assertThat(verdict.message()).startsWith("record seq " + expectedSeq + ":");
    }
}
