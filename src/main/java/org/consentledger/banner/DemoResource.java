package org.consentledger.banner;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.consentledger.common.ApiException;
import org.consentledger.common.ClasspathResources;

/**
 * The demo site: three small pages that use the banner, for trying the whole flow locally. It
 * exists only with consent.demo.enabled (local profile and tests); otherwise every path is 404.
 * {@code ?site=} picks another site key than "demo", and the pages' links keep it.
 */
@Path("/demo")
@PermitAll
public class DemoResource {

    private static final String HTML = MediaType.TEXT_HTML + ";charset=utf-8";
    private static final Map<String, String> PAGE_TITLES = Map.of(
            "index.html", "Home", "article.html", "An article", "privacy.html", "Privacy and terms");
    private static final Map<String, String> ASSETS = Map.of(
            "demo.css", "text/css;charset=utf-8", "demo.js", "text/javascript;charset=utf-8");
    private static final String SITE_KEY = "[a-z0-9-]{3,64}";

    private final DemoConfig config;

    DemoResource(DemoConfig config) {
        this.config = config;
    }

    @Operation(summary = "The demo site's home page", description = "Public: no token. Only with consent.demo.enabled.")
    @APIResponse(responseCode = "200", description = "An HTML page")
    @APIResponse(responseCode = "404", description = "The demo is off")
    @GET
    public Response index(@QueryParam("site") String site) {
        return page("index.html", site);
    }

    @Operation(summary = "A demo page or asset", description = "Public: no token. Only with consent.demo.enabled.")
    @APIResponse(responseCode = "200", description = "An HTML page or asset")
    @APIResponse(responseCode = "404", description = "The demo is off, or no such page")
    @GET
    @Path("/{page}")
    public Response page(@PathParam("page") String page, @QueryParam("site") String site) {
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
        String siteKey = site != null && site.matches(SITE_KEY) ? site : DemoSite.SITE_KEY;
        String html = read("layout.html").replace("{{main}}", read("pages/" + page))
                .replace("{{title}}", title)
                .replace("{{site}}", siteKey);
        return Response.ok(html, HTML).build();
    }

    private static String read(String name) {
        return new String(ClasspathResources.read("demo/" + name), StandardCharsets.UTF_8);
    }
}
