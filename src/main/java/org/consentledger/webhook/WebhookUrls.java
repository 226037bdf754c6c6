package org.consentledger.webhook;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.security.Security;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.consentledger.common.ApiException;

/**
 * Where a webhook may be sent: https, at most 2,048 characters, no user info, to a host whose every
 * address is public ({@link AddressRules}). Checked when an endpoint is made and again before each
 * delivery, since what a name resolves to can change. The delivery then connects through the JVM's
 * positive DNS cache, which holds the addresses just checked (see {@link #requireDnsCache}).
 */
@ApplicationScoped
public class WebhookUrls {

    static final int MAX_LENGTH = 2048;

    /** Why a URL is refused, a fixed and safe text. */
    static final class Refused extends Exception {
        Refused(String reason) {
            super(reason, null, false, false);
        }
    }

    private final boolean allowPrivate;

    @Inject
    WebhookUrls(WebhooksConfig config) {
        this(config.allowPrivate());
    }

    WebhookUrls(boolean allowPrivate) {
        this.allowPrivate = allowPrivate;
        requireDnsCache();
    }

    /** The URL, checked for an endpoint being made: a 400 naming {@code url} when refused. */
    URI requireAllowed(String url) {
        try {
            return check(url);
        } catch (Refused e) {
            throw ApiException.invalid("url", e.getMessage());
        }
    }

    /** The URL, checked now, or why not. */
    URI check(String url) throws Refused {
        if (url == null || url.isBlank()) {
            throw new Refused("must not be blank");
        }
        if (url.length() > MAX_LENGTH) {
            throw new Refused("must be at most " + MAX_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new Refused("is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(allowPrivate && scheme.equals("http"))) {
            throw new Refused("must be an https URL");
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
            throw new Refused("must name a host, without user info or fragment");
        }
        if (!allowPrivate) {
            for (InetAddress address : resolve(uri.getHost())) {
                if (AddressRules.isForbidden(address)) {
                    throw new Refused("resolves to a loopback, private, link-local or otherwise internal address");
                }
            }
        }
        return uri;
    }

    private static List<InetAddress> resolve(String host) throws Refused {
        try {
            return List.of(InetAddress.getAllByName(host));
        } catch (UnknownHostException | SecurityException e) {
            throw new Refused("has a host that does not resolve");
        }
    }

    /**
     * The HTTP client resolves the host again when it connects. With the JVM's positive cache on
     * (30 s by default), that answer is the one just checked, so a name rebound to an internal
     * address in between is not reached; with the cache off it would be, so the service refuses
     * to start.
     */
    private static void requireDnsCache() {
        String ttl = Security.getProperty("networkaddress.cache.ttl");
        if (ttl != null && ttl.trim().equals("0")) {
            throw new IllegalStateException("networkaddress.cache.ttl=0 would let a webhook host be rebound "
                    + "between its check and its connection");
        }
    }
}
