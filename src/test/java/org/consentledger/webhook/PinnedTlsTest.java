package org.consentledger.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsServer;

/**
 * Over TLS, the pinned connection still sends the URL's host name as SNI and holds the certificate
 * to it: a receiver at the checked address with a certificate for another name is refused. The
 * certificate, for {@code receiver.test}, is made by the JDK's keytool (hence the tag).
 */
@Tag("process")
class PinnedTlsTest {

    private static final char[] PASSWORD = "test-only".toCharArray();

    @TempDir
    static Path dir;
    static KeyStore keys;

    @BeforeAll
    static void makeCertificate() throws Exception {
        Path store = dir.resolve("receiver.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "receiver", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=receiver.test", "-ext", "SAN=dns:receiver.test", "-storetype", "PKCS12",
                "-keystore", store.toString(), "-storepass", new String(PASSWORD)).redirectErrorStream(true).start();
        keytool.getInputStream().readAllBytes();
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS) && keytool.exitValue() == 0).as("keytool made a certificate").isTrue();
        keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, PASSWORD);
        }
    }

    @Test
    void theHostNameGoesAsSniAndTheCertificateMustBeItsOwn() throws Exception {
        List<String> sni = new CopyOnWriteArrayList<>();
        HttpsServer server = server(sni);
        try {
            int port = server.getAddress().getPort();
            // allow-private, since the receiver is on loopback; the name resolves to it for this test alone
            WebhookSender sender = new WebhookSender(new WebhookUrls(true, PinnedPostTest.always("127.0.0.2",
                    new AtomicInteger())), trusting().getSocketFactory());

            WebhookSender.Result rightName = sender.send("https://receiver.test:" + port + "/hook",
                    List.of(PinnedPostTest.SECRET), PinnedPostTest.delivery(), Instant.now());
            WebhookSender.Result wrongName = sender.send("https://other.test:" + port + "/hook",
                    List.of(PinnedPostTest.SECRET), PinnedPostTest.delivery(), Instant.now());

            assertThat(rightName).isEqualTo(new WebhookSender.Result(204, null));
            assertThat(sni).containsExactly("receiver.test");
            assertThat(wrongName).isEqualTo(new WebhookSender.Result(null, "TLS failed (certificate or handshake)"));
        } finally {
            server.stop(0);
        }
    }

    /** An https receiver at 127.0.0.2 with the certificate for receiver.test, noting the SNI of each request. */
    private static HttpsServer server(List<String> sni) throws Exception {
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, PASSWORD);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers.getKeyManagers(), null, null);
        HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.2", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(context));
        server.createContext("/hook", exchange -> {
            exchange.getRequestBody().readAllBytes();
            for (SNIServerName name : ((ExtendedSSLSession) ((HttpsExchange) exchange).getSSLSession()).getRequestedServerNames()) {
                sni.add(((SNIHostName) name).getAsciiName());
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        return server;
    }

    /** A client context that trusts the receiver's self-signed certificate, and nothing else. */
    private static SSLContext trusting() throws Exception {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("receiver", keys.getCertificate("receiver"));
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}
