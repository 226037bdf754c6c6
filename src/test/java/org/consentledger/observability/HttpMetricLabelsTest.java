package org.consentledger.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

import org.consentledger.support.Api;
import org.consentledger.support.RawHttp;
import org.consentledger.support.Scrape;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * The labels of http_server_requests come from closed sets: a known method or OTHER, a route's
 * template or a fixed word. Whatever method or path a client makes up, it creates no new series.
 */
@QuarkusTest
class HttpMetricLabelsTest {

    private static final String SERIES = "http_server_requests_seconds_count";
    private static final int REQUESTS_OF_EACH_KIND = 200;

    @Test
    void madeUpMethodsAndPathsCreateOnlyAHandfulOfSeries() throws IOException {
        String siteKey = Api.siteWithPolicies();
        int port = RestAssured.port;
        Set<String> before = Scrape.now().series(SERIES);
        for (int i = 0; i < REQUESTS_OF_EACH_KIND; i++) {
            RawHttp.send(port, "MADEUP" + i, "/api/v1/sites/" + siteKey + "/events", "{}");
            RawHttp.send(port, "MADEUP" + i, "/nowhere-" + i, null);
            RawHttp.send(port, "PUT", "/api/v1/sites/no-site-" + i + "/events", "{}");
            RawHttp.send(port, "DELETE", "/api/v1/sites/no-site-" + i + "/visitors/" + i + "/consent", null);
            RawHttp.send(port, "GET", "/api/v1/nowhere-" + i, null, "Authorization: Bearer made-up-" + i);
            resetMidBody(port, "MADEUP" + i, "/api/v1/sites/no-site-" + i + "/events");
        }
        Api.postEvent(siteKey, "ACCEPT_ALL");
        Scrape after = Scrape.now();
        Set<String> created = new HashSet<>(after.series(SERIES));
        created.removeAll(before);

        assertThat(after.value(SERIES, "method", "POST", "uri", "/api/v1/sites/{siteKey}/events", "status", "201"))
                .as("a known method and a route's template stay labels").isPositive();

        assertThat(created).as("no made-up method or path is a label value")
                .noneMatch(series -> series.contains("MADEUP") || series.contains("nowhere-") || series.contains("no-site-"));
        assertThat(created).as("series created by %s requests", 6 * REQUESTS_OF_EACH_KIND).hasSizeLessThanOrEqualTo(10);
    }

    /** Sends the head and part of the body, then closes: the client resets the request before any answer. */
    private static void resetMidBody(int port, String method, String path) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write((method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 100\r\n\r\n{\"eventId\"").getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }
    }
}
