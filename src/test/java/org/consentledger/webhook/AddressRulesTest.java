package org.consentledger.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Which addresses a webhook may reach, whatever the configuration says. */
class AddressRulesTest {

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.8.9.10", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1",
            "169.254.169.254", "100.64.0.1", "100.127.255.254", "100.100.100.200", "0.0.0.0", "224.0.0.1",
            "255.255.255.255", "::1", "::", "fc00::1", "fd00:ec2::254", "fe80::1", "ff02::1", "::ffff:127.0.0.1",
            "::ffff:169.254.169.254", "64:ff9b::a9fe:a9fe", "2002:a9fe:a9fe::1"})
    void internalAddressesAreForbidden(String address) throws UnknownHostException {
        assertThat(AddressRules.isForbidden(InetAddress.getByName(address))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.215.14", "8.8.8.8", "100.128.0.1", "172.32.0.1", "2606:2800:220:1::1"})
    void publicAddressesAreAllowed(String address) throws UnknownHostException {
        assertThat(AddressRules.isForbidden(InetAddress.getByName(address))).isFalse();
    }

    @Test
    void withoutAllowPrivateANameResolvingToLoopbackOrTheMetadataAddressIsRefused() {
        WebhookUrls urls = new WebhookUrls(false);

        assertThatThrownBy(() -> urls.check("https://localhost/hook")).isInstanceOf(WebhookUrls.Refused.class)
                .hasMessageContaining("internal address");
        assertThatThrownBy(() -> urls.check("https://169.254.169.254/latest/meta-data")).isInstanceOf(WebhookUrls.Refused.class)
                .hasMessageContaining("internal address");
        assertThatThrownBy(() -> urls.check("https://[::ffff:10.0.0.1]/hook")).isInstanceOf(WebhookUrls.Refused.class);
        assertThatThrownBy(() -> urls.check("http://93.184.215.14/hook")).isInstanceOf(WebhookUrls.Refused.class)
                .hasMessageContaining("https");
    }

    @Test
    void withAllowPrivateLoopbackOverHttpIsAccepted() throws WebhookUrls.Refused {
        assertThat(new WebhookUrls(true).check("http://127.0.0.1:8080/hook").getPort()).isEqualTo(8080);
    }

    @Test
    void aUrlLongerThan2048CharactersIsRefused() {
        String url = "https://93.184.215.14/" + "a".repeat(2048);
        assertThatThrownBy(() -> new WebhookUrls(false).check(url)).hasMessageContaining("2048");
    }
}
