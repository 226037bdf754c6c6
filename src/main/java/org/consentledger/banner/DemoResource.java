package org.consentledger.banner;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.consentledger.bannertext.BuiltInTexts;
import org.consentledger.common.ApiException;
import org.consentledger.common.ClasspathResources;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The demo site "The Daily Demo": three pages of a small news site that use the banner, for trying
 * the whole flow locally. It exists only with consent.demo.enabled (local profile and tests);
 * otherwise every path is 404. {@code ?site=} picks another site key than "demo",
 * {@code ?cookieDomain=} sets the banner's data-cookie-domain (to try a visitor id shared across
 * subdomains) and {@code ?lang=} its data-lang (one of the built-in languages); the pages' links
 * keep all three. The page names the trusted geo headers on {@code <html>}, so that demo.js can
 * play the edge that sets them.
 */
@Path("/demo")
@PermitAll
public class DemoResource {

    private static final String HTML = MediaType.TEXT_HTML + ";charset=utf-8";
    private static final Map<String, String> PAGE_TITLES = Map.of(
            "index.html", "Home", "article.html", "Top story", "privacy.html", "Privacy and terms");
    private static final Map<String, String> ASSETS = Map.of("demo.css", "text/css;charset=utf-8",
            "demo.js", "text/javascript;charset=utf-8", "analytics.js", "text/javascript;charset=utf-8");
    private static final String SITE_KEY = "[a-z0-9-]{3,64}";
    private static final String DOMAIN = "[a-z0-9-]{1,63}(\\.[a-z0-9-]{1,63}){0,6}";
    private static final String HEADER_NAME = "[A-Za-z0-9-]{1,64}";

    private final DemoConfig config;
    private final String geoAttributes;

    DemoResource(DemoConfig config,
            @ConfigProperty(name = "consent.geo.country-header") Optional<String> countryHeader,
            @ConfigProperty(name = "consent.geo.region-header") Optional<String> regionHeader) {
        this.config = config;
        this.geoAttributes = attribute("data-country-header", countryHeader) + attribute("data-region-header", regionHeader);
    }

    @Operation(summary = "The demo site's home page", description = "Public: no token. Only with consent.demo.enabled.")
    @APIResponse(responseCode = "200", description = "An HTML page")
    @APIResponse(responseCode = "400", description = "A lang that is not built in")
    @APIResponse(responseCode = "404", description = "The demo is off")
    @GET
    public Response index(@QueryParam("site") String site, @QueryParam("cookieDomain") String cookieDomain,
            @QueryParam("lang") String lang) {
        return page("index.html", site, cookieDomain, lang);
    }

    @Operation(summary = "A demo page or asset", description = "Public: no token. Only with consent.demo.enabled.")
    @APIResponse(responseCode = "200", description = "An HTML page or asset")
    @APIResponse(responseCode = "400", description = "A lang that is not built in")
    @APIResponse(responseCode = "404", description = "The demo is off, or no such page")
    @GET
    @Path("/{page}")
    public Response page(@PathParam("page") String page, @QueryParam("site") String site,
            @QueryParam("cookieDomain") String cookieDomain, @QueryParam("lang") String lang) {
        if (!config.enabled()) {
            throw ApiException.notFound("Not found");
        }
        if (ASSETS.containsKey(page)) {
            return Response.ok(read(page), ASSETS.get(page)).build();
        }
        String title = PAGE_TITLES.get(page);
        if (title == null) {
            throw ApiException.notFound("No such demo page");
        }
        lang = lang == null || lang.isEmpty() ? null : lang;
        if (lang != null && !BuiltInTexts.LANGUAGES.contains(lang)) {
            throw ApiException.invalid("lang", "must be one of " + String.join(", ", BuiltInTexts.LANGUAGES));
        }
        String siteKey = site != null && site.matches(SITE_KEY) ? site : DemoSite.SITE_KEY;
        boolean shared = cookieDomain != null && cookieDomain.matches(DOMAIN);
        String query = "site=" + siteKey + (shared ? "&amp;cookieDomain=" + cookieDomain : "")
                + (lang != null ? "&amp;lang=" + lang : "");
        String html = read("layout.html").replace("{{main}}", read("pages/" + page))
                .replace("{{title}}", title)
                .replace("{{geo}}", geoAttributes)
                .replace("{{lang}}", lang != null ? " data-lang=\"" + lang + "\"" : "")
                .replace("{{cookieDomain}}", shared ? " data-cookie-domain=\"" + cookieDomain + "\"" : "")
                .replace("{{query}}", query)
                .replace("{{site}}", siteKey);
        return Response.ok(html, HTML).build();
    }

    /** A header name as an attribute of the page; none when unset or not a plain header name. */
    private static String attribute(String name, Optional<String> header) {
        return header.filter(h -> h.matches(HEADER_NAME)).map(h -> " " + name + "=\"" + h + "\"").orElse("");
    }

    private static String read(String name) {
        return new String(ClasspathResources.read("demo/" + name), StandardCharsets.UTF_8);
    }
}
