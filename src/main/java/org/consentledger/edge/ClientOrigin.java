package org.consentledger.edge;

/**
 * Where a request comes from, as far as the service can tell: the client's truncated address
 * prefix (null when unknown), and whether it reached the service through a trusted proxy, whose
 * headers (the country) may then be believed.
 */
public record ClientOrigin(String prefix, boolean viaTrustedProxy) {

    /** The key a rate limit counts under: the prefix, or one shared key for clients without one. */
    public String limitKey() {
        return prefix == null ? "unknown" : prefix;
    }
}
