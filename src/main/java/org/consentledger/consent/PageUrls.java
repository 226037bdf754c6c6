package org.consentledger.consent;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

import org.consentledger.common.ApiException;

/** Keeps only the origin and path of a page URL: query strings and fragments often carry personal data. */
public final class PageUrls {

    /** The page_url column's width. */
    static final int MAX_LENGTH = 2048;

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
            String recorded = scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + port + path;
            // The added "/" can make a URL of 2048 characters one too long for its column.
            if (recorded.length() > MAX_LENGTH) {
                throw ApiException.invalid("pageUrl", "must be at most " + MAX_LENGTH + " characters");
            }
            return recorded;
        } catch (URISyntaxException e) {
            throw ApiException.invalid("pageUrl", "must be an absolute http(s) URL");
        }
    }
}
