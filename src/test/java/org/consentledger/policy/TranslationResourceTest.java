package org.consentledger.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.consentledger.support.Api.asAdmin;
import static org.consentledger.support.Api.asAuditor;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import javax.sql.DataSource;

import org.consentledger.support.Api;
import org.consentledger.support.Ledger;
import org.consentledger.support.Rows;
import org.consentledger.verify.Leaves;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

@Tag("database")
@QuarkusTest
class TranslationResourceTest {

    @Inject
    DataSource dataSource;

    private static String translationsOf(String siteKey, String versionId) {
        return "/api/v1/admin/sites/" + siteKey + "/policy-versions/" + versionId + "/translations";
    }

    private static Map<String, Object> german() {
        Map<String, Object> body = new HashMap<>();
        body.put("language", "de");
        body.put("title", "Datenschutzerklärung");
        body.put("url", "https://www.example.com/de/datenschutz");
        body.put("content", "Wir speichern nur, was wir müssen.");
        body.put("eeaAddendum", "Informationen für Personen im EWR");
        return body;
    }

    private long translationRows() {
        return Rows.count(dataSource, "select count(*) from policy_translation");
    }

    @Test
    void aVersionIsPublishedInTheSitesDefaultLanguageUnlessItNamesOne() {
        String siteKey = Api.freshSiteKey();
        asAdmin().body(Map.of("siteKey", siteKey, "name", "Seite", "defaultLanguage", "de-de"))
                .post("/api/v1/admin/sites").then().statusCode(201).body("defaultLanguage", equalTo("de-DE"));
        String inDefault = Api.publish(siteKey, "PRIVACY_POLICY", "1.0", true);
        String inFrench = asAdmin().body(Map.of("kind", "TERMS_OF_USE", "version", "1.0", "title", "Conditions",
                "url", "https://www.example.com/cgu", "content", "Texte", "language", "fr"))
                .post("/api/v1/admin/sites/" + siteKey + "/policy-versions")
                .then().statusCode(201).body("language", equalTo("fr")).extract().path("id");

        asAdmin().get("/api/v1/admin/sites/" + siteKey + "/policy-versions/" + inDefault)
                .then().statusCode(200).body("language", equalTo("de-DE")).body("translations", hasSize(0));
        assertThat(Rows.count(dataSource, "select count(*) from policy_version where id = ? and language = 'de-DE'",
                UUID.fromString(inDefault))).isEqualTo(1);
        assertThat(Rows.count(dataSource, "select count(*) from policy_version where id = ? and language = 'fr'",
                UUID.fromString(inFrench))).isEqualTo(1);
        Map<String, Object> record = Ledger.awaitExportedRecord(Leaves.POLICY_VERSION, "id", inFrench);
        assertThat(record).containsEntry("language", "fr");
    }

    @Test
    void anAdminAddsATranslationWithItsOwnFingerprintAndTheVersionShowsIt() {
        String siteKey = Api.createSite();
        String versionId = Api.publish(siteKey, "PRIVACY_POLICY", "3.1", true);

        Response response = asAdmin().body(german()).post(translationsOf(siteKey, versionId));

        response.then().log().ifValidationFails().statusCode(201)
                .body("language", equalTo("de"))
                .body("policyVersionId", equalTo(versionId))
                .body("title", equalTo("Datenschutzerklärung"))
                .body("publishedBy", equalTo("test-admin"));
        String sha256 = response.path("sha256");
        assertThat(sha256).isEqualTo(PolicyHash.of(PolicyKind.PRIVACY_POLICY, "3.1", "Datenschutzerklärung",
                "https://www.example.com/de/datenschutz", "Wir speichern nur, was wir müssen.",
                "Informationen für Personen im EWR", null));
        assertThat(response.header("Location")).endsWith(translationsOf(siteKey, versionId) + "/de");
        asAdmin().get(response.header("Location")).then().statusCode(200).body("sha256", equalTo(sha256));
        asAdmin().get(translationsOf(siteKey, versionId) + "/en").then().statusCode(200)
                .body("title", equalTo("PRIVACY_POLICY 3.1"));
        asAdmin().get(translationsOf(siteKey, versionId) + "/it").then().statusCode(404);
        asAdmin().get("/api/v1/admin/sites/" + siteKey + "/policy-versions/" + versionId)
                .then().statusCode(200).body("language", equalTo("en"))
                .body("translations.language", contains("de"))
                .body("translations[0].sha256", equalTo(sha256));

        String id = response.path("id");
        assertThat(Rows.count(dataSource, "select count(*) from policy_translation where id = ? and language = 'de' "
                + "and sha256 = ?", UUID.fromString(id), sha256)).isEqualTo(1);
        assertThat(Rows.count(dataSource, "select count(*) from admin_log where action = 'POLICY_TRANSLATION_ADDED' "
                + "and target_type = 'POLICY_TRANSLATION' and target = ? and actor = 'test-admin' "
                + "and after ->> 'siteKey' = ? and after ->> 'sha256' = ?", id, siteKey, sha256)).isEqualTo(1);
        Map<String, Object> record = Ledger.awaitExportedRecord(Leaves.POLICY_TRANSLATION, "id", id);
        assertThat(record).containsEntry("policyVersionId", versionId).containsEntry("siteKey", siteKey)
                .containsEntry("kind", "PRIVACY_POLICY").containsEntry("version", "3.1")
                .containsEntry("language", "de").containsEntry("sha256", sha256);
    }

    @Test
    void aSecondTranslationInTheSameLanguageOrInTheVersionsOwnIsAConflict() {
        String siteKey = Api.createSite();
        String versionId = Api.publish(siteKey, "PRIVACY_POLICY", "1.0", true);
        asAdmin().body(german()).post(translationsOf(siteKey, versionId)).then().statusCode(201);
        long before = translationRows();

        Map<String, Object> again = german();
        again.put("language", "DE");
        again.put("title", "Andere Fassung");
        asAdmin().body(again).post(translationsOf(siteKey, versionId))
                .then().statusCode(409).contentType("application/problem+json");
        Map<String, Object> english = german();
        english.put("language", "en");
        asAdmin().body(english).post(translationsOf(siteKey, versionId))
                .then().statusCode(409).contentType("application/problem+json");

        assertThat(translationRows()).isEqualTo(before);
    }

    @Test
    void badInputIsRefusedNamingTheFieldAndWritesNothing() {
        String siteKey = Api.createSite();
        String versionId = Api.publish(siteKey, "PRIVACY_POLICY", "1.0", true);
        long before = translationRows();

        Map<String, Object> badTag = german();
        badTag.put("language", "deutsch_AT");
        asAdmin().body(badTag).post(translationsOf(siteKey, versionId)).then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", contains("language"));
        Map<String, Object> noTitle = german();
        noTitle.remove("title");
        asAdmin().body(noTitle).post(translationsOf(siteKey, versionId)).then().statusCode(400)
                .body("errors.field", contains("title"));
        asAdmin().body(german()).post(translationsOf(siteKey, UUID.randomUUID().toString())).then().statusCode(404);

        assertThat(translationRows()).isEqualTo(before);
    }

    @Test
    void anAuditorMayNotAddATranslation() {
        String siteKey = Api.createSite();
        String versionId = Api.publish(siteKey, "PRIVACY_POLICY", "1.0", true);
        long before = translationRows();

        asAuditor().contentType("application/json").body(german()).post(translationsOf(siteKey, versionId))
                .then().statusCode(403).contentType("application/problem+json");

        assertThat(translationRows()).isEqualTo(before);
    }

    @Test
    void aTranslationCannotBeChangedOrDeletedInTheDatabase() {
        String siteKey = Api.createSite();
        String versionId = Api.publish(siteKey, "PRIVACY_POLICY", "1.0", true);
        asAdmin().body(german()).post(translationsOf(siteKey, versionId)).then().statusCode(201);

        for (String statement : List.of("update policy_translation set title = 'x'", "delete from policy_translation",
                "truncate policy_translation")) {
            assertThatThrownBy(() -> Rows.executeAndRollBack(dataSource, statement, false)).as(statement)
                    .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
        }
    }
}
