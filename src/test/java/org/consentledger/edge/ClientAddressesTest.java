package org.consentledger.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

@Tag("process")
class ClientAddressesTest {

    @ParameterizedTest
    @CsvSource({
            "203.0.113.77, 203.0.113.0/24",
            "127.0.0.1, 127.0.0.0/24",
            "255.255.255.255, 255.255.255.0/24",
            "0.0.0.0, 0.0.0.0/24" })
    void anIpv4AddressIsCutToItsSlash24(String address, String prefix) {
        assertThat(ClientAddresses.truncate(address)).isEqualTo(prefix);
    }

    @ParameterizedTest
    @CsvSource({
            "2001:db8:abcd:12::1, 2001:db8:abcd::/48",
            "[2001:db8:abcd:12::1], 2001:db8:abcd::/48",
            "2001:0db8:0000:ffff:1:2:3:4, 2001:db8::/48",
            "2001:db8:1:2:3:4:5:6, 2001:db8:1::/48" })
    void anIpv6AddressIsCutToItsSlash48(String address, String prefix) {
        assertThat(ClientAddresses.truncate(address)).isEqualTo(prefix);
    }

    @Test
    void anIpv4MappedIpv6AddressIsTreatedAsIpv4() {
        assertThat(ClientAddresses.truncate("::ffff:198.51.100.9")).isEqualTo("198.51.100.0/24");
    }

    @Test
    void theFullAddressNeverSurvives() {
        assertThat(ClientAddresses.truncate("198.51.100.234")).doesNotContain("234");
        assertThat(ClientAddresses.truncate("2001:db8:abcd:12:34:56:78:9a")).doesNotContain("12").doesNotContain("9a");
    }

    /**
     * Hex digits and dots look like an address to a loose check, but InetAddress would resolve them
     * through DNS. None of these may reach a resolver.
     */
    @ParameterizedTest
    @ValueSource(strings = { "localhost", "example.com", "cafe.be", "dead.beef", "1.2.3.4.5", "999.1.1.1", "1.2.3",
            "0x7f.1", "abc:xyz", "abc:def", "", " ", "unknown", "12345", "[]", "1.2.3.4 ", "fe80::1%no-such-if" })
    void anythingButAnIpLiteralGivesNoPrefix(String value) {
        assertThat(ClientAddresses.truncate(value)).isNull();
    }

    /**
     * Proves no name is resolved: a separate JVM whose resolver is a hosts file that does know
     * these hex-looking names. Any lookup would turn them into a prefix.
     */
    @Test
    void hexLookingHostNamesAreNeverResolved(@TempDir Path dir) throws IOException, InterruptedException {
        Path hosts = Files.writeString(dir.resolve("hosts"), "192.0.2.55 cafe.be\n198.51.100.7 1.2.3.4.5\n");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process probe = new ProcessBuilder(List.of(java.toString(), "-Djdk.net.hosts.file=" + hosts,
                "-cp", System.getProperty("java.class.path"), Probe.class.getName(), "cafe.be", "1.2.3.4.5"))
                .redirectErrorStream(true).start();
        assertThat(probe.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(output).isEqualTo("cafe.be=null\n1.2.3.4.5=null\n");
    }

    /** Runs in the probe JVM. */
    public static final class Probe {
        public static void main(String[] args) {
            for (String arg : args) {
                System.out.print(arg + "=" + ClientAddresses.truncate(arg) + "\n");
            }
        }
    }

    @Test
    void noAddressGivesNoPrefix() {
        assertThat(ClientAddresses.truncate(null)).isNull();
    }
}
