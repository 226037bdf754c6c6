package org.consentledger.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.consentledger.support.Api;
import org.consentledger.support.ChromiumTestBase;
import org.consentledger.support.Ledger;
import org.consentledger.support.Superuser;
import org.consentledger.support.Tokens;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.support.ui.Select;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** The Verify button checks the ledger in the browser, and says so when the operator rewrote it. */
@QuarkusTest
@TestProfile(ConsoleLedgerBrowserTest.LocalTrial.class)
class ConsoleLedgerBrowserTest extends ChromiumTestBase {

    /** A service of its own, whose checkpoint a test rewrites, handing out dev tokens as the local profile does. */
    public static class LocalTrial implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("consent.dev-tokens.enabled", "true");
        }
    }

    private static final String ZERO_PROOF = "const real = window.fetch; window.fetch = (url, options) => real(url, options)"
            + ".then(async r => { if (!String(url).includes('/proof/consistency')) return r;"
            + " const body = await r.json(); body.proof = body.proof.map(() => btoa(String.fromCharCode(...new Uint8Array(32))));"
            + " return new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } }); });";

    @Inject
    DataSource superuser;

    @Test
    void aDevRoleSignsInAndVerifySucceedsThenProvesTheLogOnlyGrew() {
        String siteKey = Api.siteWithPolicies();
        long first = signedSizeAfterAnEvent(siteKey, 0);
        try (ConsoleSession console = ConsoleSession.open(server).signInPage()) {
            new Select(console.find("#dev-role")).selectByValue("auditor");
            assertThat(console.browser().consoleErrors()).as("offering dev roles costs no failed request").isEmpty();
            console.redrawnAfter(() -> console.click("dev-sign-in"));
            console.go("ledger");

            Map<String, String> steps = verify(console);

            assertThat(steps).containsEntry("Pinned key", "OK").containsEntry("Checkpoint", "OK")
                    .containsEntry("Signature", "OK").containsEntry("Consistency", "SKIPPED");
            assertThat(console.find("#verify-verdict").getText()).isEqualTo("Verified in this browser.");
            assertThat(console.find("#pinned-key").getText()).isEqualTo("none yet: the first Verify pins the key the service publishes");
            long kept = keptSize(console);
            assertThat(kept).isGreaterThanOrEqualTo(first);

            signedSizeAfterAnEvent(siteKey, kept);
            console.go("ledger");
            assertThat(console.find("#pinned-key").getText()).isEqualTo(Ledger.verifierKey());
            Map<String, String> again = verify(console);

            assertThat(again).containsEntry("Signature", "OK").containsEntry("Consistency", "OK");
            assertThat(console.find("[data-step='Consistency']").getText()).contains("the log only grew from size " + kept);
            assertThat(keptSize(console)).isGreaterThan(kept);
            console.browser().script("document.getElementById('verify-button').scrollIntoView()");
            console.screenshot("console-ledger");
        }
    }

    @Test
    void verifyFailsWhenTheOperatorRewritesTheStoredCheckpointsSignature() throws Exception {
        long size = signedSizeAfterAnEvent(Api.siteWithPolicies(), 0);
        String served = given().get("/api/v1/ledger/checkpoint").then().statusCode(200).extract().asString();
        long servedSize = Long.parseLong(served.split("\n")[1]);
        assertThat(servedSize).isGreaterThanOrEqualTo(size);
        String original = storedNote(servedSize);
        String forged = withFlippedSignature(original);
        rewriteNote(servedSize, forged);
        try (ConsoleSession console = ConsoleSession.open(server).signIn(Tokens.auditor())) {
            assertThat(given().get("/api/v1/ledger/checkpoint").then().extract().asString()).isEqualTo(forged);
            console.go("ledger");

            Map<String, String> steps = verify(console);

            assertThat(steps).containsEntry("Pinned key", "OK").containsEntry("Signature", "FAILED").doesNotContainKey("Consistency");
            assertThat(console.find("[data-step='Signature']").getText()).contains("does not verify with the pinned key");
            assertThat(console.find("#verify-verdict").getText()).startsWith("FAILED");
            assertThat(console.browser().script("return localStorage.getItem('consentledger.console.keptCheckpoint')"))
                    .as("a forged checkpoint is not kept").isNull();
            console.screenshot("console-ledger-failed");
        } finally {
            rewriteNote(servedSize, original);
        }
    }

    @Test
    void verifyFailsWhenTheServerServesAnInconsistentProof() {
        String siteKey = Api.siteWithPolicies();
        signedSizeAfterAnEvent(siteKey, 0);
        try (ConsoleSession console = ConsoleSession.open(server).signIn(Tokens.auditor())) {
            console.go("ledger");
            assertThat(verify(console)).containsEntry("Signature", "OK");
            long kept = keptSize(console);
            signedSizeAfterAnEvent(siteKey, kept);
            console.go("ledger");
            console.browser().script(ZERO_PROOF);

            Map<String, String> steps = verify(console);

            assertThat(steps).containsEntry("Signature", "OK").containsEntry("Consistency", "FAILED");
            assertThat(console.find("[data-step='Consistency']").getText())
                    .contains("does not lead from the kept root to the new one");
            assertThat(console.find("#verify-verdict").getText()).startsWith("FAILED");
            assertThat(keptSize(console)).as("the checkpoint it could not prove is not kept").isEqualTo(kept);
        }
    }

    /** Clicks Verify and returns each step's result by name. */
    @SuppressWarnings("unchecked")
    private static Map<String, String> verify(ConsoleSession console) {
        console.click("verify-button");
        console.find("#verify-verdict .message");
        List<List<String>> steps = (List<List<String>>) console.browser().script(
                "return [...document.querySelectorAll('#verify-steps li')].map(li => [li.dataset.step, li.dataset.result])");
        Map<String, String> byName = new java.util.LinkedHashMap<>();
        steps.forEach(s -> byName.put(s.get(0), s.get(1)));
        return byName;
    }

    private static long keptSize(ConsoleSession console) {
        String note = (String) console.browser().script("return localStorage.getItem('consentledger.console.keptCheckpoint')");
        return Long.parseLong(note.split("\n")[1]);
    }

    /** Posts an event and waits until a signed checkpoint larger than {@code above} holds it. */
    private static long signedSizeAfterAnEvent(String siteKey, long above) {
        UUID event = Api.postEvent(siteKey, "ACCEPT_ALL");
        long[] size = new long[1];
        Ledger.await("a checkpoint larger than " + above, () -> {
            size[0] = Ledger.awaitInclusion(event).getLong("treeSize");
            return size[0] > above;
        });
        return size[0];
    }

    private String storedNote(long treeSize) throws Exception {
        try (Connection c = superuser.getConnection();
                PreparedStatement ps = c.prepareStatement("select note from ledger_checkpoint where tree_size = ?")) {
            ps.setLong(1, treeSize);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    private void rewriteNote(long treeSize, String note) throws Exception {
        try (Superuser operator = Superuser.pausingTheSequencer(superuser)) {
            operator.rewrite("update ledger_checkpoint set note = '" + note.replace("'", "''") + "' where tree_size = " + treeSize);
        }
    }

    /** The same note with one bit of the log's Ed25519 signature flipped (after its 4-byte key id). */
    private static String withFlippedSignature(String note) {
        String[] lines = note.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].startsWith("\u2014 ")) {
                int space = lines[i].lastIndexOf(' ');
                byte[] signature = Base64.getDecoder().decode(lines[i].substring(space + 1));
                signature[10] ^= 1;
                lines[i] = lines[i].substring(0, space + 1) + Base64.getEncoder().encodeToString(signature);
                return String.join("\n", lines);
            }
        }
        throw new AssertionError("no signature line in " + note);
    }
}
