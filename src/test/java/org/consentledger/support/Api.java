package org.consentledger.support;

import static io.restassured.RestAssured.given;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** Builds test data through the public API, the way a user would. Every site gets a fresh key. */
public final class Api {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    public static final String COUNTRY_HEADER = "X-Test-Country";
    public static final String REGION_HEADER = "X-Test-Region";

    private Api() {
    }

    public static RequestSpecification asAdmin() {
        return given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON);
    }

    public static RequestSpecification asAuditor() {
        return given().auth().oauth2(Tokens.auditor());
    }

    public static String freshSiteKey() {
        return "site-" + System.nanoTime() % 1_000_000_000L + "-" + SEQUENCE.incrementAndGet();
    }

    public static String createSite() {
        return createSite(freshSiteKey());
    }

    public static String createSite(String siteKey) {
        asAdmin().body(Map.of("siteKey", siteKey, "name", "Example " + siteKey,
                        "origins", List.of("https://www.example.com")))
                .post("/api/v1/admin/sites").then().statusCode(201);
        return siteKey;
    }

    public static String publish(String siteKey, String kind, String version, boolean material) {
        return asAdmin().body(Map.of("kind", kind, "version", version, "title", kind + " " + version,
                        "url", "https://www.example.com/" + kind.toLowerCase() + "/" + version,
                        "content", "Full text of " + kind + " " + version,
                        "eeaAddendum", "Information for individuals in the EEA",
                        "material", material))
                .post("/api/v1/admin/sites/" + siteKey + "/policy-versions")
                .then().statusCode(201).extract().path("id");
    }

    /** A site with a current privacy policy and terms of use. */
    public static String siteWithPolicies() {
        return siteWithPolicies(freshSiteKey());
    }

    public static String siteWithPolicies(String siteKey) {
        createSite(siteKey);
        publish(siteKey, "PRIVACY_POLICY", "1.0", true);
        publish(siteKey, "TERMS_OF_USE", "1.0", true);
        return siteKey;
    }

    public static Map<String, Object> event(String type) {
        return event(type, UUID.randomUUID());
    }

    public static Map<String, Object> event(String type, UUID visitorId) {
        return Map.of("eventId", UUID.randomUUID().toString(), "visitorId", visitorId.toString(), "type", type);
    }

    /** Posts an event of that type for a new visitor, as a banner would, and returns its eventId. */
    public static UUID postEvent(String siteKey, String type) {
        Map<String, Object> event = event(type);
        given().contentType(ContentType.JSON).body(event).post("/api/v1/sites/" + siteKey + "/events")
                .then().statusCode(201);
        return UUID.fromString((String) event.get("eventId"));
    }

    /**
     * Makes sure the current rules let the UK regime exempt analytics, as V29's version 2 does:
     * tests on a shared database publish versions of their own, such as a copy of version 1.
     */
    @SuppressWarnings("unchecked")
    public static void ukAnalyticsExemptionInTheRules() {
        Map<String, Object> rules = asAuditor().get("/api/v1/admin/jurisdiction-rules").then().statusCode(200)
                .extract().path("rules");
        List<Map<String, Object>> regimes = (List<Map<String, Object>>) rules.get("regimes");
        Map<String, Object> uk = regimes.stream().filter(r -> "UK".equals(r.get("code"))).findFirst().orElseThrow();
        if (!List.of("analytics").equals(uk.get("exemptCategories"))) {
            uk.put("exemptCategories", List.of("analytics"));
            asAdmin().body(rules).post("/api/v1/admin/jurisdiction-rules").then().statusCode(201);
        }
    }

    public static RequestSpecification fromCountry(String country) {
        return given().contentType(ContentType.JSON).header(COUNTRY_HEADER, country);
    }
}
