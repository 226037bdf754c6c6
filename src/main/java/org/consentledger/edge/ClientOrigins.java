package org.consentledger.edge;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;

/**
 * Finds the client behind a request. The connection's own peer is the client unless it is a
 * trusted proxy. Then X-Forwarded-For is read from the right, where each trusted proxy appended
 * the address it saw, and the first hop that is not a trusted proxy is the client: whatever
 * stands to its left was written by the client itself and proves nothing.
 *
 * <p>Without X-Forwarded-For, the RFC 7239 {@code Forwarded} header's {@code for} nodes are read
 * the same way ({@link ForwardedHeader}). When a request carries both, X-Forwarded-For wins: it
 * is what nearly every proxy writes, and a proxy that writes only X-Forwarded-For usually passes
 * a client's own {@code Forwarded} header through untouched, so preferring it would let any
 * client choose its address.
 */
@Singleton
public class ClientOrigins {

    static final String FORWARDED_FOR = "X-Forwarded-For";
    static final String FORWARDED = "Forwarded";
    private static final Pattern BRACKETED = Pattern.compile("^\\[([^\\]]+)\\](?::\\d+)?$");
    private static final Pattern IPV4_WITH_PORT = Pattern.compile("^([0-9.]+):\\d+$");

    private final TrustedProxies trusted;

    @Inject
    ClientOrigins(EdgeConfig config) {
        this(TrustedProxies.of(config.trustedProxies().orElse(List.of())));
    }

    ClientOrigins(TrustedProxies trusted) {
        this.trusted = trusted;
    }

    public ClientOrigin of(HttpServerRequest request) {
        // The connection's peer, even if something upstream rewrote the request's remote address.
        SocketAddress peer = request.connection() != null ? request.connection().remoteAddress() : request.remoteAddress();
        return resolve(peer == null ? null : peer.hostAddress(), request.headers().getAll(FORWARDED_FOR),
                request.headers().getAll(FORWARDED));
    }

    ClientOrigin resolve(String peerAddress, List<String> forwardedFor) {
        return resolve(peerAddress, forwardedFor, List.of());
    }

    ClientOrigin resolve(String peerAddress, List<String> forwardedFor, List<String> forwarded) {
        InetAddress peer = ClientAddresses.parse(peerAddress);
        if (peer == null) {
            return new ClientOrigin(null, false);
        }
        if (!trusted.contains(peer)) {
            return new ClientOrigin(ClientAddresses.prefixOf(peer), false);
        }
        List<String> hops = forwardedFor != null && !forwardedFor.isEmpty() ? hops(forwardedFor)
                : ForwardedHeader.forHops(forwarded);
        InetAddress client = peer;
        for (int i = hops.size() - 1; i >= 0; i--) {
            InetAddress hop = ClientAddresses.parse(withoutPort(hops.get(i)));
            if (hop == null) {
                break; // not an address: the trusted chain vouches for nothing further left
            }
            client = hop;
            if (!trusted.contains(hop)) {
                break;
            }
        }
        return new ClientOrigin(ClientAddresses.prefixOf(client), true);
    }

    private static List<String> hops(List<String> headers) {
        List<String> hops = new ArrayList<>();
        if (headers != null) {
            for (String header : headers) {
                for (String hop : header.split(",")) {
                    hops.add(hop.trim());
                }
            }
        }
        return hops;
    }

    private static String withoutPort(String hop) {
        Matcher bracketed = BRACKETED.matcher(hop);
        if (bracketed.matches()) {
            return bracketed.group(1);
        }
        Matcher v4 = IPV4_WITH_PORT.matcher(hop);
        return v4.matches() ? v4.group(1) : hop;
    }
}
