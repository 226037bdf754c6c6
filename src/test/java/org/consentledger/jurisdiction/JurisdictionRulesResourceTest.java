package org.consentledger.jurisdiction;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import javax.sql.DataSource;

import org.consentledger.support.Api;
import org.consentledger.support.Ledger;
import org.consentledger.support.Rows;
import org.consentledger.support.Tokens;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.filter.log.LogDetail;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

@Tag("database")
@QuarkusTest
class JurisdictionRulesResourceTest {

    private static final String RULES = "/api/v1/admin/jurisdiction-rules";

    @Inject
    DataSource dataSource;

    @Test
    void theSeededVersionHoldsTheRegimesWithTheirLifetimes() {
        Api.asAuditor().get(RULES + "/1").then().log().ifValidationFails(LogDetail.ALL).statusCode(200)
                .body("version", equalTo(1))
                .body("publishedBy", equalTo("migration V5"))
                .body("rules.regimes.code", contains("EEA", "UK", "CH", "BR", "US-OPT-OUT", "NOTICE", "DEFAULT"))
                .body("rules.regimes.mode", contains("EXPLICIT", "EXPLICIT", "EXPLICIT", "EXPLICIT", "OPT_OUT",
                        "IMPLIED", "EXPLICIT"))
                .body("rules.regimes.acceptMonths", contains(13, 13, 13, 12, 12, 12, 13))
                .body("rules.regimes.rejectMonths", contains(6, 6, 6, 6, 12, 12, 6))
                .body("rules.regimes[0].countries", hasSize(30))
                .body("rules.regimes[1].countries", contains("GB"))
                .body("rules.regimes[4].regions", hasSize(19))
                .body("rules.regimes[4].regions", hasItem("US-CA"))
                .body("rules.elsewhere", equalTo("NOTICE"))
                .body("rules.unknown", equalTo("DEFAULT"));
    }

    @Test
    void scopedAdminsAndAuditorsMayReadTheCurrentRules() {
        for (String group : List.of("admin:some-site", "auditor:some-site")) {
            given().auth().oauth2(Tokens.withGroups(group)).get(RULES).then().statusCode(200)
                    .body("rules.regimes.code", hasItem("EEA"));
        }
    }

    @Test
    void anUnknownVersionIsNotFoundAndANonNumberIsInvalid() {
        Api.asAuditor().get(RULES + "/99999").then().statusCode(404).contentType("application/problem+json");
        Api.asAuditor().get(RULES + "/latest").then().statusCode(400).body("errors[0].field", equalTo("version"));
    }

    @Test
    void aPublishedVersionTakesEffectAtOnceAndIsLoggedAndLedgered() {
        Map<String, Object> seed = seed();
        String siteKey = Api.siteWithPolicies();
        Api.fromCountry("JP").get("/api/v1/sites/" + siteKey + "/notice").then().statusCode(200)
                .body("regime", equalTo("NOTICE")).body("mode", equalTo("IMPLIED"));
        long logged = Rows.count(dataSource, "select count(*) from admin_log where action = 'JURISDICTION_RULES_PUBLISHED'");
        try {
            Response published = Api.asAdmin().body(withRegime(seed, Map.of("code", "JP-STRICT", "mode", "EXPLICIT",
                    "acceptMonths", 6, "rejectMonths", 3, "countries", List.of("JP"))))
                    .post(RULES);
            published.then().log().ifValidationFails(LogDetail.ALL).statusCode(201)
                    .header("Location", endsWith(RULES + "/" + published.path("version")))
                    .body("publishedBy", equalTo("test-admin"));
            int version = published.path("version");
            assertThat(version).isGreaterThan(1);

            Api.fromCountry("JP").get("/api/v1/sites/" + siteKey + "/notice").then().statusCode(200)
                    .body("regime", equalTo("JP-STRICT")).body("rulesVersion", equalTo(version))
                    .body("mode", equalTo("EXPLICIT"));
            Api.asAuditor().get(RULES).then().statusCode(200).body("version", equalTo(version));
            assertThat(Rows.count(dataSource, "select count(*) from admin_log where action = "
                    + "'JURISDICTION_RULES_PUBLISHED' and target_type = 'JURISDICTION_RULES' and target = ? "
                    + "and actor = 'test-admin'", String.valueOf(version))).isEqualTo(1);
            assertThat(Rows.count(dataSource, "select count(*) from admin_log where action = "
                    + "'JURISDICTION_RULES_PUBLISHED'")).isEqualTo(logged + 1);
            Map<String, Object> record = Ledger.awaitExportedRecord("jurisdiction_rules", "version",
                    String.valueOf(version));
            assertThat(record).containsEntry("publishedBy", "test-admin");
            assertThat(record.get("rules").toString()).contains("JP-STRICT");
        } finally {
            Api.asAdmin().body(seed).post(RULES).then().statusCode(201);
        }
    }

    @Test
    void anAuditorMayNotPublishAndNothingIsWritten() {
        long before = Rows.count(dataSource, "select count(*) from jurisdiction_rules");
        given().auth().oauth2(Tokens.auditor()).contentType(ContentType.JSON).body(seed()).post(RULES)
                .then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(Tokens.withGroups("admin:some-site")).contentType(ContentType.JSON).body(seed())
                .post(RULES).then().statusCode(403);
        assertThat(Rows.count(dataSource, "select count(*) from jurisdiction_rules")).isEqualTo(before);
    }

    static Stream<Arguments> badDocuments() {
        return Stream.of(
                Arguments.of("a lifetime of zero months", "regimes[0].acceptMonths",
                        (Consumer<Map<String, Object>>) d -> regime(d, 0).put("acceptMonths", 0)),
                Arguments.of("a negative lifetime", "regimes[0].rejectMonths",
                        (Consumer<Map<String, Object>>) d -> regime(d, 0).put("rejectMonths", -6)),
                Arguments.of("an unknown country", "regimes[1].countries",
                        (Consumer<Map<String, Object>>) d -> regime(d, 1).put("countries", List.of("XX"))),
                Arguments.of("a null country", "regimes[0].countries",
                        (Consumer<Map<String, Object>>) d -> regime(d, 0).put("countries", java.util.Arrays.asList("DE", null))),
                Arguments.of("a country in two regimes", "regimes[1].countries",
                        (Consumer<Map<String, Object>>) d -> regime(d, 1).put("countries", List.of("GB", "DE"))),
                Arguments.of("a region that is no ISO 3166-2 code", "regimes[4].regions",
                        (Consumer<Map<String, Object>>) d -> regime(d, 4).put("regions", List.of("CALIFORNIA"))),
                Arguments.of("a duplicate code", "regimes[1].code",
                        (Consumer<Map<String, Object>>) d -> regime(d, 1).put("code", "EEA")),
                Arguments.of("no mode", "regimes[2].mode",
                        (Consumer<Map<String, Object>>) d -> regime(d, 2).remove("mode")),
                Arguments.of("an unknown mode", "mode",
                        (Consumer<Map<String, Object>>) d -> regime(d, 2).put("mode", "LOOSE")),
                Arguments.of("an elsewhere regime that does not exist", "elsewhere",
                        (Consumer<Map<String, Object>>) d -> d.put("elsewhere", "NOPE")),
                Arguments.of("no unknown regime", "unknown",
                        (Consumer<Map<String, Object>>) d -> d.remove("unknown")),
                Arguments.of("no regimes", "regimes",
                        (Consumer<Map<String, Object>>) d -> d.put("regimes", List.of())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badDocuments")
    void aBadDocumentIsRefusedNamingTheFieldAndNothingIsWritten(String what, String field,
            Consumer<Map<String, Object>> spoil) {
        Map<String, Object> document = seed();
        spoil.accept(document);
        long before = Rows.count(dataSource, "select count(*) from jurisdiction_rules");
        Api.asAdmin().body(document).post(RULES).then().log().ifValidationFails(LogDetail.ALL).statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem(endsWith(field)));
        assertThat(Rows.count(dataSource, "select count(*) from jurisdiction_rules")).isEqualTo(before);
    }

    /** The seeded document, as a mutable copy. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> seed() {
        Map<String, Object> rules = Api.asAuditor().get(RULES + "/1").then().statusCode(200).extract().path("rules");
        Map<String, Object> copy = new HashMap<>(rules);
        List<Map<String, Object>> regimes = new ArrayList<>();
        ((List<Map<String, Object>>) rules.get("regimes")).forEach(r -> regimes.add(new HashMap<>(r)));
        copy.put("regimes", regimes);
        return copy;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> regime(Map<String, Object> document, int index) {
        return ((List<Map<String, Object>>) document.get("regimes")).get(index);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> withRegime(Map<String, Object> document, Map<String, Object> regime) {
        List<Map<String, Object>> regimes = new ArrayList<>((List<Map<String, Object>>) document.get("regimes"));
        regimes.add(0, regime);
        Map<String, Object> copy = new HashMap<>(document);
        copy.put("regimes", regimes);
        return copy;
    }
}
