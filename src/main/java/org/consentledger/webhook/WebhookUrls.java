package org.consentledger.webhook;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.consentledger.common.ApiException;

/**
 * Where a webhook may be sent: https, at most 2,048 characters, no user info, to a host whose every
 * address is public ({@link AddressRules}). Checked when an endpoint is made and again before each
 * delivery, since what a name resolves to can change; a delivery then connects to the very address
 * checked ({@link Target}), so a name rebound in between is never reached.
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

    /** A host name's addresses: the system's resolver, or a test's. */
    interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /** Where a delivery goes: its URL, and the checked address it connects to, whatever the host resolves to later. */
    record Target(URI uri, InetSocketAddress address) {

        boolean https() {
            return uri.getScheme().equalsIgnoreCase("https");
        }

        /** The URL's host for TLS (SNI and the certificate's name): an IPv6 literal without its brackets. */
        String host() {
            String host = uri.getHost();
            return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        }

        /** Whether the URL names an address rather than a host name: then there is no name to send as SNI. */
        boolean hostIsAddress() {
            return uri.getHost().startsWith("[") || uri.getHost().matches("[0-9.]+");
        }

        /** The Host header: the URL's host, and its port if the URL names one. */
        String hostHeader() {
            return uri.getPort() == -1 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
        }

        /** The request line's target: the URL's path (at least "/") and query, as written. */
        String requestTarget() {
            String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
        }
    }

    private final boolean allowPrivate;
    private final Resolver resolver;

    @Inject
    WebhookUrls(WebhooksConfig config) {
        this(config.allowPrivate(), InetAddress::getAllByName);
    }

    WebhookUrls(boolean allowPrivate) {
        this(allowPrivate, InetAddress::getAllByName);
    }

    WebhookUrls(boolean allowPrivate, Resolver resolver) {
        this.allowPrivate = allowPrivate;
        this.resolver = resolver;
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
        URI uri = parse(url);
        if (!allowPrivate) {
            addressesOf(uri);
        }
        return uri;
    }

    /**
     * The URL checked for a delivery, with the address to connect to: the host is resolved once,
     * here, and the first of its addresses (all of them allowed) is the one the delivery reaches.
     */
    Target target(String url) throws Refused {
        URI uri = parse(url);
        int port = uri.getPort() != -1 ? uri.getPort() : uri.getScheme().equalsIgnoreCase("https") ? 443 : 80;
        return new Target(uri, new InetSocketAddress(addressesOf(uri).get(0), port));
    }

    private URI parse(String url) throws Refused {
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
        if (uri.getPort() == 0 || uri.getPort() > 65535) {
            throw new Refused("must have a port from 1 to 65535");
        }
        return uri;
    }

    /** The host's addresses, each allowed (any, with allowPrivate). */
    private List<InetAddress> addressesOf(URI uri) throws Refused {
        List<InetAddress> addresses;
        try {
            addresses = List.of(resolver.resolve(uri.getHost()));
        } catch (UnknownHostException | SecurityException e) {
            throw new Refused("has a host that does not resolve");
        }
        if (addresses.isEmpty()) {
            throw new Refused("has a host that does not resolve");
        }
        for (InetAddress address : addresses) {
            if (!allowPrivate && AddressRules.isForbidden(address)) {
                throw new Refused("resolves to a loopback, private, link-local or otherwise internal address");
            }
        }
        return addresses;
    }
}
