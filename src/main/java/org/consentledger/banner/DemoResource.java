package org.consentledger.banner;

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
 * {@code ?site=} picks another site key than "demo", and {@code ?cookieDomain=} sets the banner's
 * data-cookie-domain (to try a visitor id shared across subdomains); the pages' links keep both.
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
    private static final String DOMAIN = "[a-z0-9-]{1,63}(\\.[a-z0-9-]{1,63}){0,6}";

    private final DemoConfig config;

    DemoResource(DemoConfig config) {
        this.config = config;
    }

    @GET
    public Response index(@QueryParam("site") String site, @QueryParam("cookieDomain") String cookieDomain) {
        return page("index.html", site, cookieDomain);
    }

    @GET
    @Path("/{page}")
    public Response page(@PathParam("page") String page, @QueryParam("site") String site,
            @QueryParam("cookieDomain") String cookieDomain) {
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
        boolean shared = cookieDomain != null && cookieDomain.matches(DOMAIN);
        String html = read("layout.html").replace("{{main}}", read("pages/" + page))
                .replace("{{title}}", title)
                .replace("{{cookieDomain}}", shared ? " data-cookie-domain=\"" + cookieDomain + "\"" : "")
                .replace("{{query}}", "site=" + siteKey + (shared ? "&amp;cookieDomain=" + cookieDomain : ""))
                .replace("{{site}}", siteKey);
        return Response.ok(html, HTML).build();
    }

    private static String read(String name) {
        return new String(ClasspathResources.read("demo/" + name), StandardCharsets.UTF_8);
    }
}
