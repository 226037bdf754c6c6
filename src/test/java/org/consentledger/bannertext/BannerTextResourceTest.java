package org.consentledger.bannertext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.consentledger.support.Api.asAdmin;
import static org.consentledger.support.Api.asAuditor;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import jakarta.inject.Inject;

import javax.sql.DataSource;

import org.consentledger.support.Api;
import org.consentledger.support.Ledger;
import org.consentledger.support.Rows;
import org.consentledger.verify.Leaves;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

@QuarkusTest
class BannerTextResourceTest {

    @Inject
    DataSource dataSource;

    private static String textsOf(String siteKey) {
        return "/api/v1/admin/sites/" + siteKey + "/banner-texts";
    }

    private long setRows() {
        return Rows.count(dataSource, "select count(*) from banner_text_set");
    }

    @Test
    void eachSetOfALanguageGetsTheNextVersionAndIsLoggedAndInTheLedger() {
        String siteKey = Api.createSite();

        Response first = asAdmin().body(Map.of("language", "de", "texts", Map.of("heading", "Cookies bei uns")))
                .post(textsOf(siteKey));
        first.then().log().ifValidationFails().statusCode(201).body("version", equalTo(1))
                .body("language", equalTo("de")).body("texts.heading", equalTo("Cookies bei uns"));
        assertThat(first.header("Location")).endsWith(textsOf(siteKey) + "?language=de");
        asAdmin().body(Map.of("language", "de", "texts", Map.of("acceptAll", "Einverstanden"))).post(textsOf(siteKey))
                .then().statusCode(201).body("version", equalTo(2));
        asAdmin().body(Map.of("language", "fr-fr", "texts", Map.of("close", "Fermer la fenêtre"))).post(textsOf(siteKey))
                .then().statusCode(201).body("version", equalTo(1)).body("language", equalTo("fr-FR"));

        asAuditor().get(textsOf(siteKey)).then().statusCode(200)
                .body("language", contains("de", "de", "fr-FR")).body("version", contains(2, 1, 1));
        asAdmin().queryParam("language", "de").get(textsOf(siteKey)).then().statusCode(200)
                .body("version", contains(2, 1));

        String id = first.path("id");
        assertThat(Rows.count(dataSource, "select count(*) from admin_log where action = 'BANNER_TEXTS_PUBLISHED' "
                + "and target_type = 'BANNER_TEXT_SET' and target = ? and after ->> 'siteKey' = ?", id, siteKey))
                .isEqualTo(1);
        Map<String, Object> record = Ledger.awaitExportedRecord(Leaves.BANNER_TEXT_SET, "id", id);
        assertThat(record).containsEntry("siteKey", siteKey).containsEntry("language", "de")
                .containsEntry("version", 1L).containsEntry("texts", Map.of("heading", "Cookies bei uns"));
    }

    @Test
    void anUnknownKeyABlankTextOrABadLanguageIsRefusedNamingTheField() {
        String siteKey = Api.createSite();
        long before = setRows();

        asAdmin().body(Map.of("language", "de", "texts", Map.of("heading", "Hallo", "farewell", "Tschüss")))
                .post(textsOf(siteKey)).then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", contains("texts.farewell"));
        asAdmin().body(Map.of("language", "de", "texts", Map.of("heading", " "))).post(textsOf(siteKey))
                .then().statusCode(400).body("errors.field", contains("texts.heading"));
        asAdmin().body(Map.of("language", "german", "texts", Map.of("heading", "Hallo"))).post(textsOf(siteKey))
                .then().statusCode(400).body("errors.field", contains("language"));
        asAdmin().body(Map.of("language", "de")).post(textsOf(siteKey))
                .then().statusCode(400).body("errors.field", contains("texts"));

        assertThat(setRows()).isEqualTo(before);
    }

    @Test
    void anAuditorReadsButMayNotPublish() {
        String siteKey = Api.createSite();
        long before = setRows();

        asAuditor().contentType("application/json").body(Map.of("language", "de", "texts", Map.of("heading", "Hallo")))
                .post(textsOf(siteKey)).then().statusCode(403).contentType("application/problem+json");
        asAuditor().get(textsOf(siteKey)).then().statusCode(200);

        assertThat(setRows()).isEqualTo(before);
    }
}
