package org.consentledger.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** RFC 7239 Forwarded: whose address counts, under the same trust rules as X-Forwarded-For. */
class ForwardedHeaderTest {

    private final ClientOrigins behindProxies = new ClientOrigins(TrustedProxies.of(List.of("10.0.0.0/8", "192.0.2.10")));

    private ClientOrigin forwarded(String... headers) {
        return behindProxies.resolve("10.1.2.3", List.of(), List.of(headers));
    }

    @Test
    void aPlainForNodeIsTheClient() {
        assertThat(forwarded("for=198.51.100.23")).isEqualTo(new ClientOrigin("198.51.100.0/24", true));
    }

    @Test
    void aQuotedIpv4WithAPortIsTheClient() {
        assertThat(forwarded("for=\"198.51.100.23:4711\";proto=https")).isEqualTo(new ClientOrigin("198.51.100.0/24", true));
    }

    @Test
    void aBracketedIpv6WithAndWithoutAPortIsTheClient() {
        assertThat(forwarded("For=\"[2001:db8:cafe:17::1]\"")).isEqualTo(new ClientOrigin("2001:db8:cafe::/48", true));
        assertThat(forwarded("proto=https; for=\"[2001:db8:cafe:17::1]:4711\"; by=10.0.0.1"))
                .isEqualTo(new ClientOrigin("2001:db8:cafe::/48", true));
    }

    @Test
    void theRightMostUntrustedElementAcrossHeadersIsTheClientNotTheOneTheClientWrote() {
        // The client wrote 203.0.113.9; the edge appended what it saw, then an inner proxy did.
        assertThat(forwarded("for=203.0.113.9", "for=198.51.100.77;proto=https, for=192.0.2.10"))
                .isEqualTo(new ClientOrigin("198.51.100.0/24", true));
    }

    @Test
    void anUnknownOrObfuscatedNodeStopsTheWalkAtTheLastAddressAProxyVouchedFor() {
        assertThat(forwarded("for=198.51.100.77, for=unknown, for=10.4.4.4")).isEqualTo(new ClientOrigin("10.4.4.0/24", true));
        assertThat(forwarded("for=198.51.100.77, for=_hidden, for=10.4.4.4")).isEqualTo(new ClientOrigin("10.4.4.0/24", true));
        assertThat(forwarded("for=\"_SEVKISEK:_port\"")).isEqualTo(new ClientOrigin("10.1.2.0/24", true));
    }

    @Test
    void anElementWithoutForOrMalformedNamesNoAddress() {
        assertThat(forwarded("for=198.51.100.77, proto=https")).isEqualTo(new ClientOrigin("10.1.2.0/24", true));
        assertThat(forwarded("for=198.51.100.77, for=\"10.4.4.4")).isEqualTo(new ClientOrigin("10.1.2.0/24", true));
        assertThat(forwarded("for=198.51.100.77, for=proxy.example.org")).isEqualTo(new ClientOrigin("10.1.2.0/24", true));
    }

    @Test
    void aCommaOrSemicolonInsideAQuotedValueDoesNotSplitTheElement() {
        assertThat(forwarded("for=198.51.100.77;host=\"a,b;c\", for=10.4.4.4"))
                .isEqualTo(new ClientOrigin("198.51.100.0/24", true));
    }

    @Test
    void whenBothHeadersArePresentXForwardedForWins() {
        ClientOrigin origin = behindProxies.resolve("10.1.2.3", List.of("198.51.100.77"), List.of("for=203.0.113.9"));
        assertThat(origin).isEqualTo(new ClientOrigin("198.51.100.0/24", true));
    }

    @Test
    void anUntrustedPeersForwardedHeaderIsIgnored() {
        ClientOrigin origin = behindProxies.resolve("198.51.100.23", List.of(), List.of("for=203.0.113.9"));
        assertThat(origin).isEqualTo(new ClientOrigin("198.51.100.0/24", false));
    }
}
