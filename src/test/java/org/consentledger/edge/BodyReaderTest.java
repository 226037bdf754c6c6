package org.consentledger.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.consentledger.support.Api;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/** Bodies read before the endpoint: whole, chunked, announced with Expect, or too large. */
@QuarkusTest
class BodyReaderTest {

    @Test
    void aChunkedBodyReachesTheEndpointWhole() throws Exception {
        String siteKey = Api.siteWithPolicies();
        String event = "{\"eventId\":\"" + java.util.UUID.randomUUID() + "\",\"visitorId\":\"" + java.util.UUID.randomUUID()
                + "\",\"type\":\"ACCEPT_ALL\"}";
        String half = event.substring(0, event.length() / 2);
        String rest = event.substring(event.length() / 2);
        String request = "POST /api/v1/sites/" + siteKey + "/events HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                + Integer.toHexString(half.length()) + "\r\n" + half + "\r\n"
                + Integer.toHexString(rest.length()) + "\r\n" + rest + "\r\n0\r\n\r\n";
        assertThat(exchange(request)).startsWith("HTTP/1.1 201");
    }

    @Test
    void aClientThatAsksToContinueIsToldToAndIsAnswered() throws Exception {
        String siteKey = Api.siteWithPolicies();
        String event = "{\"eventId\":\"" + java.util.UUID.randomUUID() + "\",\"visitorId\":\"" + java.util.UUID.randomUUID()
                + "\",\"type\":\"REJECT_ALL\"}";
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", RestAssured.port), 5_000);
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/sites/" + siteKey + "/events HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                    + "Content-Type: application/json\r\nExpect: 100-continue\r\nContent-Length: " + event.length()
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[64];
            int read = in.read(buffer);
            assertThat(new String(buffer, 0, read, StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 100 Continue");
            out.write(event.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII)).contains("HTTP/1.1 201");
        }
    }

    @Test
    void aChunkedBodyOverTheLimitIs413Problem() throws Exception {
        String chunk = "x".repeat(64 * 1024);
        StringBuilder request = new StringBuilder("POST /api/v1/sites/" + Api.siteWithPolicies() + "/events HTTP/1.1\r\n"
                + "Host: 127.0.0.1\r\nConnection: close\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n");
        for (int i = 0; i < 20; i++) {
            request.append(Integer.toHexString(chunk.length())).append("\r\n").append(chunk).append("\r\n");
        }
        request.append("0\r\n\r\n");
        String answer = exchange(request.toString());
        assertThat(answer).startsWith("HTTP/1.1 413").contains("application/problem+json").contains("/problems/body-too-large");
    }

    @Test
    void anAnnouncedBodyOverTheLimitIsRefusedBeforeItIsRead() throws Exception {
        String answer = exchange("POST /api/v1/sites/" + Api.siteWithPolicies() + "/events HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Content-Type: application/json\r\nContent-Length: 2000000\r\n\r\n{");
        assertThat(answer).startsWith("HTTP/1.1 413");
    }

    private static String exchange(String request) throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", RestAssured.port), 5_000);
            socket.setSoTimeout(30_000);
            try {
                socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
            } catch (java.io.IOException closedWhileSending) {
                // the server may answer and close before the whole body is sent
            }
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        }
    }
}
