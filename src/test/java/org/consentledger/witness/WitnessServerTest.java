package org.consentledger.witness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.consentledger.support.LogCapture;
import org.consentledger.verify.Cosignature;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The witness as its own process would run it: started from its command line, spoken to over HTTP. */
class WitnessServerTest {

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();
    private final TestLog log = TestLog.of(5);
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private WitnessServer server;

    @BeforeEach
    void startAWitnessWithAFreshKey() {
        server = start("--generate-key");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void itPrintsItsVerifierKeyAndCosignsOverHttp() throws Exception {
        String output = printed.toString(StandardCharsets.UTF_8);
        assertThat(output).contains("generated a witness key in " + dir.resolve("key.pem"),
                "witness witness.example/w1 listening on port " + server.port() + " for [" + TestLog.ORIGIN + "]");
        String verifierKey = output.substring(output.indexOf("verifier key: ") + 14).trim();
        Cosignature.WitnessKey key = Cosignature.WitnessKey.parse(verifierKey);
        assertThat(key).isEqualTo(server.witness().key());

        HttpResponse<String> response = post("/add-checkpoint", log.request(0, 5));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(Cosignature.cosigners(log.note(5) + response.body(), List.of(key))).containsExactly(key);

        HttpResponse<String> stale = post("/add-checkpoint", log.request(0, 5));
        assertThat(stale.statusCode()).isEqualTo(409);
        assertThat(stale.headers().firstValue("Content-Type")).hasValue("text/x.tlog.size");
        assertThat(stale.body()).isEqualTo("5\n");
    }

    @Test
    void theSameKeyAndStateAfterARestartRefuseAFork() throws Exception {
        assertThat(post("/add-checkpoint", log.request(0, 5)).statusCode()).isEqualTo(200);
        Cosignature.WitnessKey before = server.witness().key();
        server.close();
        server = start();
        assertThat(server.witness().key()).isEqualTo(before);
        try (LogCapture refusals = LogCapture.of(Witness.class)) {
            assertThat(post("/add-checkpoint", log.forkedAt(4).request(5, 5)).statusCode()).isEqualTo(409);
            assertThat(refusals.records()).hasSize(1);
        }
    }

    @Test
    void anythingButAWellFormedPostToAddCheckpointGetsAClear4xx() throws Exception {
        HttpResponse<String> get = http.send(HttpRequest.newBuilder(uri("/add-checkpoint")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(get.headers().firstValue("Allow")).hasValue("POST");
        assertThat(post("/add-checkpoint/more", log.request(0, 5)).statusCode()).isEqualTo(404);
        assertThat(post("/", log.request(0, 5)).body()).contains("POST /add-checkpoint");
        HttpResponse<String> huge = post("/add-checkpoint", "old 0\n" + "x".repeat(WitnessServer.MAX_BODY));
        assertThat(huge.statusCode()).isEqualTo(413);
        HttpResponse<String> latin1 = http.send(HttpRequest.newBuilder(uri("/add-checkpoint"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] { 'o', 'l', 'd', ' ', (byte) 0xff, '\n' })).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(latin1.statusCode()).isEqualTo(400);
        assertThat(latin1.body()).isEqualTo("the request is not UTF-8\n");
    }

    @Test
    void badUsageIsNamed() {
        assertThatThrownBy(() -> WitnessMain.start(new String[] { "--name", "w", "--key", dir.resolve("none.pem").toString(),
                "--state", dir.resolve("s").toString(), "--port", "0", "--log-key", log.verifierKey().encoded() }, System.out))
                .hasMessageContaining("pass --generate-key");
        assertThatThrownBy(() -> WitnessMain.start(new String[] { "--name", "w", "--port", "0" }, System.out))
                .hasMessage("--key is required");
        assertThatThrownBy(() -> WitnessMain.start(new String[] { "--name", "w", "--key", "k", "--state", "s", "--port", "x",
                "--log-key", log.verifierKey().encoded() }, System.out)).hasMessageContaining("--port must be a number");
        assertThatThrownBy(() -> WitnessMain.start(new String[] { "--name", "w", "--key", "k", "--state", "s", "--port", "0" },
                System.out)).hasMessage("at least one --log-key is required");
        assertThatThrownBy(() -> WitnessMain.start(new String[] { "--colour", "blue" }, System.out))
                .hasMessage("unknown option or missing value: --colour");
    }

    private WitnessServer start(String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("--name", "witness.example/w1", "--key",
                dir.resolve("key.pem").toString(), "--state", dir.resolve("state").toString(), "--port", "0",
                "--log-key", log.verifierKey().encoded()));
        args.addAll(List.of(extra));
        return WitnessMain.start(args.toArray(String[]::new), new PrintStream(printed, true, StandardCharsets.UTF_8));
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }
}
