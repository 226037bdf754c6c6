package org.consentledger.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.consentledger.support.NodePackage;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The receiver of src/test/node/webhook-receiver, run by Node.js: it judges each delivery with the
 * official standardwebhooks package and prints its verdict, which this class collects. The package
 * is installed from npm into target/ by {@link NodePackage}; without node or npm the test is skipped.
 */
final class NodeReceiver implements AutoCloseable {

    /** One delivery as the library judged it: the secrets (by name) it verified with, and why the others failed. */
    record Verdict(String path, String webhookId, String type, List<String> verified, Map<String, String> failed,
            int signatures) {
    }

    private static final Path INSTALLED = Path.of("target/node-webhook-receiver");
    private static final ObjectMapper JSON = new ObjectMapper();

    final List<Verdict> verdicts = new CopyOnWriteArrayList<>();
    private final Process node;
    private final int port;
    private final HttpClient control = HttpClient.newHttpClient();

    private NodeReceiver(Process node) throws Exception {
        this.node = node;
        BufferedReader out = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<Integer> listening = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try {
                for (String line; (line = out.readLine()) != null; ) {
                    Map<?, ?> json = JSON.readValue(line, Map.class);
                    if (json.containsKey("listening")) {
                        listening.complete((Integer) json.get("listening"));
                    } else {
                        verdicts.add(JSON.convertValue(json, Verdict.class));
                    }
                }
            } catch (IOException e) {
                listening.completeExceptionally(e);
            }
            listening.completeExceptionally(new IllegalStateException("node ended; see " + INSTALLED.resolve("stderr.log")));
        }, "node-webhook-receiver");
        reader.setDaemon(true);
        reader.start();
        this.port = listening.get(30, TimeUnit.SECONDS);
    }

    /** Installs the pinned package with npm (skipping the test without node and npm) and starts a receiver. */
    static NodeReceiver start() throws Exception {
        NodePackage.install("webhook-receiver");
        ProcessBuilder builder = new ProcessBuilder("node", "receiver.js").directory(INSTALLED.toFile())
                .redirectError(ProcessBuilder.Redirect.appendTo(INSTALLED.resolve("stderr.log").toFile()));
        return new NodeReceiver(builder.start());
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    /** From now on, every delivery is also verified with {@code secret}, reported as {@code name}. */
    void verifyWith(String name, String secret) throws Exception {
        HttpResponse<Void> answer = control.send(HttpRequest.newBuilder(URI.create(url("/secrets/" + name)))
                .PUT(HttpRequest.BodyPublishers.ofString(secret)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(answer.statusCode()).isEqualTo(204);
    }

    List<Verdict> at(String path) {
        return verdicts.stream().filter(v -> v.path().equals(path)).toList();
    }

    @Override
    public void close() throws Exception {
        node.getOutputStream().close(); // the receiver exits when its input ends
        if (!node.waitFor(10, TimeUnit.SECONDS)) {
            node.destroyForcibly().waitFor();
        }
    }
}
