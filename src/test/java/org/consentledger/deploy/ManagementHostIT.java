package org.consentledger.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.consentledger.support.Figures;
import org.consentledger.support.PackagedApp;
import org.consentledger.support.ScratchDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The management port (/q/metrics, no token) on the packaged jar: on loopback only unless told
 * otherwise, and on every interface with the setting the image gives it (where Prometheus scrapes
 * it from another pod, behind the NetworkPolicy).
 */
@Tag("process")
class ManagementHostIT {

    private static ScratchDatabase db;

    @BeforeAll
    static void onTheJarOfThisBuild() throws IOException {
        assumeTrue(PackagedApp.packagedForThisBuild(), "runs after package, in the packaged-jar execution");
        assumeTrue(!otherAddresses().isEmpty(), "this machine has no address but loopback");
        db = ScratchDatabase.start();
    }

    @AfterAll
    static void stopDatabase() throws Exception {
        if (db != null) {
            db.close();
        }
    }

    @Test
    void byDefaultTheMetricsAnswerOnLoopbackAndNoOtherAddressOfThisMachine() throws Exception {
        try (PackagedApp app = PackagedApp.start(db.jdbcUrl(), state(), "management-port-default-it")) {
            Map<String, String> answers = answers(app.managementPort());
            Figures.record("management port", "default settings: answers per address", answers);
            assertThat(answers.get("127.0.0.1")).isEqualTo("200");
            otherAddresses().forEach(a -> assertThat(answers.get(a.getHostAddress())).as(a.getHostAddress()).isEqualTo("refused"));
        }
    }

    @Test
    void theImagesSettingServesTheMetricsOnEveryInterface() throws Exception {
        String host = Dockerfile.read().env().get("QUARKUS_MANAGEMENT_HOST");
        assertThat(host).as("the image opts in").isNotNull();
        try (PackagedApp app = PackagedApp.start(db.jdbcUrl(), state(), "management-port-image-it", "quarkus.management.host=" + host)) {
            Map<String, String> answers = answers(app.managementPort());
            Figures.record("management port", "the image's setting (" + host + "): answers per address", answers);
            assertThat(answers.get("127.0.0.1")).isEqualTo("200");
            otherAddresses().stream().filter(a -> a instanceof Inet4Address)
                    .forEach(a -> assertThat(answers.get(a.getHostAddress())).as(a.getHostAddress()).isEqualTo("200"));
        }
    }

    private static Path state() throws IOException {
        return Files.createTempDirectory(Files.createDirectories(Path.of("target")), "management-port-it");
    }

    /** The status GET /q/metrics gets on each address of this machine, or "refused". */
    private static Map<String, String> answers(int port) throws IOException {
        Map<String, String> answers = new LinkedHashMap<>();
        answers.put("127.0.0.1", status(InetAddress.getByName("127.0.0.1"), port));
        for (InetAddress address : otherAddresses()) {
            answers.put(address.getHostAddress(), status(address, port));
        }
        return answers;
    }

    private static String status(InetAddress address, int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 5_000);
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write("GET /q/metrics HTTP/1.0\r\nHost: metrics\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String statusLine = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
            return statusLine.substring(9, 12);
        } catch (ConnectException refused) {
            return "refused";
        }
    }

    /** This machine's addresses other than loopback and link-local (which needs a scope to reach). */
    private static List<InetAddress> otherAddresses() throws IOException {
        List<InetAddress> addresses = new ArrayList<>();
        for (NetworkInterface nic : NetworkInterface.networkInterfaces().toList()) {
            if (nic.isUp() && !nic.isLoopback()) {
                nic.inetAddresses().filter(a -> !a.isLoopbackAddress() && !a.isLinkLocalAddress()).forEach(addresses::add);
            }
        }
        return addresses;
    }
}
