package org.consentledger.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.consentledger.support.Api.asAdmin;

import java.util.List;
import java.util.Map;

import org.consentledger.support.Api;
import org.consentledger.support.ChromiumTestBase;
import org.consentledger.support.Tokens;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.support.ui.Select;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/** An admin sets up a site and publishes its documents through the console; the API then serves them. */
@QuarkusTest
class ConsoleAdminBrowserTest extends ChromiumTestBase {

    @Test
    void anAdminCreatesASiteAndSetsItsOriginsCategoriesAndOverrides() {
        String siteKey = Api.freshSiteKey();
        try (ConsoleSession console = ConsoleSession.open(server).signIn(Tokens.admin())) {
            console.go("sites");
            console.type("new-site-key", siteKey);
            console.type("new-site-name", "Console site");
            console.type("new-site-origins", "https://a.example.com\nhttps://b.example.com");
            console.redrawnAfter(() -> console.click("create-site-button"));

            console.type("edit-origins", "https://a.example.com\nhttps://c.example.com");
            console.type("edit-categories", "analytics, ads");
            console.click("edit-name"); // leaving the field redraws the per-category choices
            console.find("input[name='implied:analytics']").click();
            console.find("input[name='saleOrShare:ads']").click();
            console.type("edit-overrides", "*=EEA");
            console.click("save-site");
            console.browser().waitFor().until(d -> console.find("#edit-site .message").getText().equals("Saved."));
            console.screenshot("console-sites");
        }

        JsonPath saved = asAdmin().get("/api/v1/admin/sites/" + siteKey).then().statusCode(200).extract().jsonPath();
        assertThat(saved.getString("name")).isEqualTo("Console site");
        assertThat(saved.getList("origins")).containsExactly("https://a.example.com", "https://c.example.com");
        assertThat(saved.getList("categories.key")).containsExactly("necessary", "analytics", "ads");
        assertThat(saved.getList("saleOrShareCategories")).containsExactly("ads");
        assertThat(saved.getMap("regimeOverrides")).isEqualTo(Map.of("*", "EEA"));
        assertThat(saved.getList("impliedConsentCategories")).doesNotContain("analytics");
    }

    @Test
    void anAdminSetsTheAdSignalsAndTheUkExemptionAndKeepsTheRetention() {
        String siteKey = Api.freshSiteKey();
        asAdmin().body(Map.of("siteKey", siteKey, "name", "Signals", "origins", List.of("https://a.example.com"),
                "retentionMonths", 36)).post("/api/v1/admin/sites").then().statusCode(201);
        try (ConsoleSession console = ConsoleSession.open(server).signIn(Tokens.admin())) {
            console.go("sites?site=" + siteKey);
            console.find("#edit-uet").click();
            console.find("#edit-stateSections").click();
            console.find("#edit-mspaCovered").click();
            new Select(console.find("#edit-mspaMode")).selectByValue("SERVICE_PROVIDER");
            console.find("#edit-ukAnalyticsExemption").click();
            console.click("save-site");
            console.browser().waitFor().until(d -> console.find("#edit-site .message").getText().equals("Saved."));
        }

        JsonPath saved = asAdmin().get("/api/v1/admin/sites/" + siteKey).then().statusCode(200).extract().jsonPath();
        assertThat(saved.getMap("signals")).isEqualTo(Map.of("uet", false, "clarity", true, "gpp",
                Map.of("mspaCoveredTransaction", true, "mspaMode", "SERVICE_PROVIDER", "stateSections", true)));
        assertThat(saved.getBoolean("ukAnalyticsExemption")).isTrue();
        assertThat(saved.getInt("retentionMonths")).as("kept, not reset to the default").isEqualTo(36);
    }

    @Test
    void theSitesPageCountsCallsFromOriginsTheSiteDoesNotList() {
        String siteKey = Api.siteWithPolicies();
        given().header("Origin", "https://forgotten.example.org").get("/api/v1/sites/" + siteKey + "/notice")
                .then().statusCode(403);
        try (ConsoleSession console = ConsoleSession.open(server).signIn(Tokens.admin())) {
            console.go("sites?site=" + siteKey);

            List<String> row = console.rows("#sites-table").stream().filter(r -> r.get(0).equals(siteKey)).findFirst().orElseThrow();
            assertThat(row.get(4)).isEqualTo("1");
            assertThat(console.rows("#refused-origins")).singleElement()
                    .satisfies(r -> assertThat(r.subList(0, 2)).containsExactly("https://forgotten.example.org", "1"));
        }
    }

    @Test
    void anAdminPublishesAVersionAndATranslationAndTheNoticeServesThem() {
        String siteKey = Api.siteWithPolicies();
        try (ConsoleSession console = ConsoleSession.open(server).signIn(Tokens.admin())) {
            console.go("policies?site=" + siteKey);
            console.type("publish-version", "2.0");
            console.type("publish-title", "Privacy Policy");
            console.type("publish-url", "https://www.example.com/privacy/2");
            console.type("publish-content", "We now also count page views.");
            console.type("publish-summary", "Page-view counting");
            console.redrawnAfter(() -> console.click("publish-button"));

            assertThat(console.rows("#versions-table").get(0).subList(0, 6))
                    .containsExactly("2.0", "en", "–", "yes", console.rows("#versions-table").get(0).get(4), "Page-view counting");
            new Select(console.find("#translation-version")).selectByIndex(0);
            console.type("translation-language", "de");
            console.type("translation-title", "Datenschutzerklärung");
            console.type("translation-url", "https://www.example.com/de/datenschutz/2");
            console.type("translation-content", "Wir zählen jetzt auch Seitenaufrufe.");
            console.redrawnAfter(() -> console.click("translation-button"));

            assertThat(console.rows("#versions-table").get(0).get(2)).isEqualTo("de");
            console.screenshot("console-policies");
        }

        JsonPath english = Api.fromCountry("DE").get("/api/v1/sites/" + siteKey + "/notice?lang=en")
                .then().statusCode(200).extract().jsonPath();
        assertThat(english.getString("documents.find { it.kind == 'PRIVACY_POLICY' }.version")).isEqualTo("2.0");
        JsonPath german = Api.fromCountry("DE").get("/api/v1/sites/" + siteKey + "/notice?lang=de")
                .then().statusCode(200).extract().jsonPath();
        assertThat(german.getString("documents.find { it.kind == 'PRIVACY_POLICY' }.title")).isEqualTo("Datenschutzerklärung");
        assertThat(german.getString("documents.find { it.kind == 'PRIVACY_POLICY' }.language")).isEqualTo("de");
    }

    @Test
    void thePreviewShowsTheNoticeOfARegimeAndLanguage() {
        String siteKey = Api.siteWithPolicies();
        Response preview = asAdmin().get("/api/v1/admin/sites/" + siteKey + "/notice-preview?regime=EEA&lang=en");
        Assumptions.assumeFalse(preview.statusCode() == 404, "notice-preview is not on this server yet");
        try (ConsoleSession console = ConsoleSession.open(server).signIn(Tokens.admin())) {
            console.go("policies?site=" + siteKey);
            new Select(console.find("#preview-regime")).selectByValue("EEA");
            console.type("preview-lang", "en");
            console.click("preview-button");

            String shown = console.find("#preview-out .notice-preview").getText();
            assertThat(shown).contains(preview.jsonPath().getString("texts.heading"))
                    .contains("PRIVACY_POLICY 1.0").contains("Regime EEA").contains("(preview)");
            console.screenshot("console-preview");
        }
    }

    @Test
    void theDiffShowsBothVersionsSideBySideWithMaterialAndChangeSummary() {
        String siteKey = Api.createSite();
        String older = publish(siteKey, "1.0", "We collect your email.\nWe keep it a year.", true, "First");
        String newer = publish(siteKey, "1.1", "We collect your email.\nWe keep it two years.\nWe share it with partners.",
                false, "Longer retention; partners");
        Response diff = asAdmin().get("/api/v1/admin/sites/" + siteKey + "/policy-versions/diff?from=" + older + "&to=" + newer);
        Assumptions.assumeFalse(diff.statusCode() == 404, "the diff endpoint is not on this server yet");
        try (ConsoleSession console = ConsoleSession.open(server).signIn(Tokens.admin())) {
            console.go("diff?site=" + siteKey + "&kind=PRIVACY_POLICY&from=" + older + "&to=" + newer);
            console.find("#diff-table");

            List<Map<String, Object>> rows = diff.jsonPath().getList("rows");
            assertThat(console.rows("#diff-table")).hasSize(rows.size());
            for (int i = 0; i < rows.size(); i++) {
                List<String> shown = console.rows("#diff-table").get(i);
                assertThat(shown.subList(1, 3)).containsExactly(String.valueOf(rows.get(i).getOrDefault("left", "") == null ? "" : rows.get(i).getOrDefault("left", "")),
                        String.valueOf(rows.get(i).getOrDefault("right", "") == null ? "" : rows.get(i).getOrDefault("right", "")));
            }
            assertThat(console.find("[data-side='newer'] .change-summary").getText()).isEqualTo("Longer retention; partners");
            assertThat(console.find("[data-side='newer'] .material").getText()).isEqualTo("no");
            assertThat(console.find("[data-side='older'] .material").getText()).startsWith("yes");
            assertThat(console.find("#diff-count").getText()).startsWith(diff.jsonPath().getInt("changedLines") + " line");
            console.screenshot("console-diff");
        }
    }

    private static String publish(String siteKey, String version, String content, boolean material, String summary) {
        return asAdmin().body(Map.of("kind", "PRIVACY_POLICY", "version", version, "title", "Privacy " + version,
                        "url", "https://www.example.com/privacy/" + version, "content", content, "material", material,
                        "changeSummary", summary))
                .post("/api/v1/admin/sites/" + siteKey + "/policy-versions").then().statusCode(201).extract().path("id");
    }
}
