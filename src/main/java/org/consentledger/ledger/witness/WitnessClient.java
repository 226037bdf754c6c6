package org.consentledger.ledger.witness;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

/** Speaks C2SP tlog-witness add-checkpoint to one witness at a time. */
@ApplicationScoped
class WitnessClient {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** What the witness answered. */
    record Answer(int status, String contentType, String body) {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    Answer addCheckpoint(WitnessEndpoint witness, long oldSize, List<byte[]> proof, String note)
            throws IOException, InterruptedException {
        StringBuilder body = new StringBuilder("old ").append(oldSize).append('\n');
        proof.forEach(hash -> body.append(Base64.getEncoder().encodeToString(hash)).append('\n'));
        body.append('\n').append(note);
        HttpRequest request = HttpRequest.newBuilder(witness.addCheckpoint()).timeout(TIMEOUT)
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), response.body());
    }
}
