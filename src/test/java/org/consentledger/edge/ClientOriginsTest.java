package org.consentledger.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Whose address counts, and whose word on the country is believed. */
class ClientOriginsTest {

    private final ClientOrigins behindProxies = new ClientOrigins(TrustedProxies.of(List.of("10.0.0.0/8", "192.0.2.10")));
    private final ClientOrigins direct = new ClientOrigins(TrustedProxies.NONE);

    @Test
    void withoutTrustedProxiesTheConnectionsPeerIsTheClientAndForwardingIsIgnored() {
        ClientOrigin origin = direct.resolve("198.51.100.23", List.of("203.0.113.9"));
        assertThat(origin).isEqualTo(new ClientOrigin("198.51.100.0/24", false));
    }

    @Test
    void aPeerThatIsNoTrustedProxyIsTheClientWhateverItForwards() {
        ClientOrigin origin = behindProxies.resolve("198.51.100.23", List.of("203.0.113.9"));
        assertThat(origin).isEqualTo(new ClientOrigin("198.51.100.0/24", false));
    }

    @Test
    void behindATrustedProxyTheRightMostUntrustedHopIsTheClient() {
        // The client wrote 203.0.113.9 itself; the edge appended the address it really saw.
        ClientOrigin origin = behindProxies.resolve("10.1.2.3", List.of("203.0.113.9, 198.51.100.77"));
        assertThat(origin).isEqualTo(new ClientOrigin("198.51.100.0/24", true));
    }

    @Test
    void trustedHopsAreSkippedAcrossHeadersAndPorts() {
        ClientOrigin origin = behindProxies.resolve("10.1.2.3",
                List.of("203.0.113.9", "[2001:db8:abcd:12::1]:4711, 192.0.2.10:443", "10.9.9.9"));
        assertThat(origin).isEqualTo(new ClientOrigin("2001:db8:abcd::/48", true));
    }

    @Test
    void aTrustedPeerWithoutForwardingIsTheClientItself() {
        assertThat(behindProxies.resolve("10.1.2.3", List.of())).isEqualTo(new ClientOrigin("10.1.2.0/24", true));
    }

    @Test
    void garbageInTheChainStopsTheWalkAtTheLastAddressAProxyVouchedFor() {
        ClientOrigin origin = behindProxies.resolve("10.1.2.3", List.of("198.51.100.7, not-an-address, 10.4.4.4"));
        assertThat(origin).isEqualTo(new ClientOrigin("10.4.4.0/24", true));
    }

    @Test
    void anUnknownPeerHasNoPrefixAndIsNotTrusted() {
        assertThat(direct.resolve(null, List.of())).isEqualTo(new ClientOrigin(null, false));
        assertThat(new ClientOrigin(null, false).limitKey()).isEqualTo("unknown");
    }

    @Test
    void aRangeCoversExactlyItsAddresses() {
        TrustedProxies proxies = TrustedProxies.of(List.of("203.0.113.128/25", "2001:db8::/32", " "));
        assertThat(proxies.contains(ClientAddresses.parse("203.0.113.200"))).isTrue();
        assertThat(proxies.contains(ClientAddresses.parse("203.0.113.127"))).isFalse();
        assertThat(proxies.contains(ClientAddresses.parse("2001:db8:ffff::1"))).isTrue();
        assertThat(proxies.contains(ClientAddresses.parse("2001:db9::1"))).isFalse();
        assertThat(proxies.contains(null)).isFalse();
    }

    @Test
    void anEntryThatIsNoAddressOrRangeIsRefusedAtStart() {
        assertThatThrownBy(() -> TrustedProxies.of(List.of("proxy.example.com"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TrustedProxies.of(List.of("10.0.0.0/33"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TrustedProxies.of(List.of("10.0.0.0/x"))).isInstanceOf(IllegalArgumentException.class);
    }
}
