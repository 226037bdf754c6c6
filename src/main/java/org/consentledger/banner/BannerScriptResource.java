package org.consentledger.banner;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;

/**
 * Serves the drop-in banner script. Any site may load it, with or without Subresource Integrity,
 * so it is readable from every origin; browsers revalidate it hourly with its ETag.
 */
@Path(BannerScript.PATH)
@PermitAll
public class BannerScriptResource {

    static final String MEDIA_TYPE = "text/javascript; charset=utf-8";
    private static final int MAX_AGE_SECONDS = 3600;

    private final byte[] script;
    private final EntityTag etag;

    BannerScriptResource(BannerScript banner) {
        this.script = banner.bytes();
        this.etag = new EntityTag(banner.sha256().substring(0, 32));
    }

    @Operation(summary = "The banner script", description = "Public: no token.")
    @APIResponse(responseCode = "200", description = "The script, cacheable, with an ETag")
    @APIResponse(responseCode = "304", description = "Not modified (If-None-Match)")
    @GET
    public Response script(@Context Request request) {
        CacheControl cache = new CacheControl();
        cache.setPrivate(false);
        cache.setMaxAge(MAX_AGE_SECONDS);
        Response.ResponseBuilder notModified = request.evaluatePreconditions(etag);
        Response.ResponseBuilder response = notModified != null ? notModified : Response.ok(script, MEDIA_TYPE);
        return response.tag(etag)
                .cacheControl(cache)
                .header("Access-Control-Allow-Origin", "*")
                .header("X-Content-Type-Options", "nosniff")
                .build();
    }
}
