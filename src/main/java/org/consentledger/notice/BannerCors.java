package org.consentledger.notice;

import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import org.consentledger.common.ApiException;
import org.consentledger.edge.ClientOrigin;
import org.consentledger.notice.refused.RefusedOrigins;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * CORS for the public banner API, per site: only origins an admin listed for the site may call
 * it from a browser. A browser request from any other origin is refused before anything is
 * written. Requests without an Origin header (servers, curl) are not browser requests and pass.
 * Each refusal counts in {@code consent_refused_origins_total{site}}: the site key is a label
 * because sites are few; the refused origin is not, since any page on the web can send one.
 */
@Singleton
public class BannerCors {

    private static final Pattern PUBLIC_SITE_PATH = Pattern.compile("^/api/v1/sites/([^/]+)/");
    private static final String ORIGIN = "Origin";

    @Inject SiteNotices notices;
    @Inject RefusedOrigins refused;
    @Inject MeterRegistry registry;

    /**
     * Throws 403 when a browser calls from an origin the site does not list, and counts the origin
     * and the calling client for its admins.
     */
    public void requireAllowedOrigin(SiteNotice site, String origin, ClientOrigin client) {
        if (origin != null && !site.allowsOrigin(origin)) {
            refused.record(site.siteId(), origin, client.limitKey());
            Counter.builder("consent_refused_origins")
                    .description("Browser calls refused with 403: the site does not list their origin")
                    .tag("site", site.siteKey()).register(registry).increment();
            throw ApiException.forbidden("This origin is not allowed for this site");
        }
    }

    /** Answers a CORS preflight for one of the site's public endpoints. */
    public Response preflight(String siteKey, HttpHeaders headers, ClientOrigin client) {
        SiteNotice site = notices.forSite(siteKey);
        requireAllowedOrigin(site, headers.getHeaderString(ORIGIN), client);
        return Response.noContent()
                .header("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
                .header("Access-Control-Allow-Headers", "Content-Type, If-None-Match, Sec-GPC")
                .header("Access-Control-Max-Age", "600")
                .build();
    }

    /** Adds CORS headers to every public response, errors included, so the banner can read them. */
    @ServerResponseFilter
    public void addCorsHeaders(ContainerRequestContext request, ContainerResponseContext response) {
        MultivaluedMap<String, Object> out = response.getHeaders();
        addCorsHeaders(request.getUriInfo().getPath(), request.getHeaderString(ORIGIN), out::add, out::putSingle);
    }

    /** The same for a response written outside the framework: {@code add} adds a header, {@code set} replaces it. */
    public void addCorsHeaders(String path, String origin, BiConsumer<String, String> add, BiConsumer<String, String> set) {
        if (origin == null) {
            return;
        }
        Matcher matcher = PUBLIC_SITE_PATH.matcher(path);
        if (!matcher.find()) {
            return;
        }
        add.accept(HttpHeaders.VARY, ORIGIN);
        notices.peek(matcher.group(1)).filter(site -> site.allowsOrigin(origin)).ifPresent(site -> {
            set.accept("Access-Control-Allow-Origin", origin);
            set.accept("Access-Control-Expose-Headers", "ETag, Location, Retry-After");
        });
    }
}
