package org.consentledger.support;

import static org.consentledger.support.Api.asAdmin;
import static org.consentledger.support.Api.asAuditor;

import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.restassured.path.json.JsonPath;

/** Sites for the banner's browser tests: the test server's origin is allowed, as a real site's would be. */
public final class BannerSites {

    private BannerSites() {
    }

    /** A fresh site with a current privacy policy and terms of use, whose banner may run on the test server. */
    public static BannerSite create(URL server) {
        String siteKey = Api.freshSiteKey();
        String origin = server.getProtocol() + "://" + server.getHost() + ":" + server.getPort();
        asAdmin().body(Map.of("siteKey", siteKey, "name", "Browser test " + siteKey, "origins", List.of(origin)))
                .post("/api/v1/admin/sites").then().statusCode(201);
        String privacy = publish(siteKey, "PRIVACY_POLICY", "Privacy Policy", "2026-01", origin + "/demo/privacy.html#privacy");
        String terms = publish(siteKey, "TERMS_OF_USE", "Terms of Use", "2026-01", origin + "/demo/privacy.html#terms");
        return new BannerSite(siteKey, origin, List.of(privacy, terms));
    }

    public static String publish(String siteKey, String kind, String title, String version, String url) {
        return asAdmin().body(Map.of("kind", kind, "version", version, "title", title, "url", url,
                        "content", "The full text of the " + title + ", version " + version + ".",
                        "eeaAddendum", "Under the GDPR you may withdraw consent at any time; the " + title
                                + " explains your rights.",
                        "material", true))
                .post("/api/v1/admin/sites/" + siteKey + "/policy-versions")
                .then().statusCode(201).extract().path("id");
    }

    /**
     * The site's recorded events of one type, as an auditor sees them, once at least
     * {@code atLeast} are recorded; fails when they are not within 10 s. To count exactly, first
     * let the browser deliver everything it sent ({@link Browser#awaitDelivered()}).
     */
    public static List<Map<String, Object>> awaitEvents(String siteKey, String type, int atLeast) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        List<Map<String, Object>> items = events(siteKey, type);
        while (items.size() < atLeast) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("Expected at least " + atLeast + " " + type + " events of site " + siteKey
                        + " within 10 s, found " + items.size() + ": " + items);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            items = events(siteKey, type);
        }
        return items;
    }

    /** The site's recorded events of one type, now. */
    public static List<Map<String, Object>> events(String siteKey, String type) {
        JsonPath page = asAuditor().queryParam("type", type).get("/api/v1/audit/sites/" + siteKey + "/events")
                .then().statusCode(200).extract().jsonPath();
        return page.getList("items");
    }

    public record BannerSite(String siteKey, String origin, List<String> documentIds) {

        public String page(String name) {
            return origin + "/demo/" + name + "?site=" + siteKey;
        }
    }
}
