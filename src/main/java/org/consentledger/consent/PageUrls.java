package org.consentledger.consent;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

import org.consentledger.common.ApiException;

/** Keeps only the origin and path of a page URL: query strings and fragments often carry personal data. */
public final class PageUrls {

    private PageUrls() {
    }

    public static String originAndPath(String pageUrl) {
        if (pageUrl == null || pageUrl.isBlank()) {
            return null;
        }
        try {
            URI uri = new URI(pageUrl.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                throw ApiException.invalid("pageUrl", "must be an absolute http(s) URL");
            }
            String port = uri.getPort() == -1 ? "" : ":" + uri.getPort();
            String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + port + path;
        } catch (URISyntaxException e) {
            throw ApiException.invalid("pageUrl", "must be an absolute http(s) URL");
        }
    }
}
