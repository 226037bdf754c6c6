package org.consentledger.banner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import org.consentledger.support.PackagedApp;
import org.consentledger.support.RawHttp;
import org.consentledger.support.ScratchDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The demo (packaged jar, local profile) on a port other than 8080, as with QUARKUS_HTTP_PORT:
 * it names the URL it really serves, and the demo site takes banner events from that origin,
 * also when the site was made by an earlier start on another port.
 */
@Tag("process")
class DemoPortIT {

    @BeforeAll
    static void onTheJarOfThisBuild() {
        assumeTrue(PackagedApp.packagedForThisBuild(), "runs after package, in the packaged-jar execution");
    }

    @Test
    void theDemoNamesItsRealUrlAndTakesEventsFromThePortItRunsOnAfterAMoveToAnotherPort() throws Exception {
        Path state = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "it-state");
        try (ScratchDatabase db = ScratchDatabase.start()) {
            int firstPort;
            try (PackagedApp first = PackagedApp.start(db.jdbcUrl(), state, "demo-port-first", "quarkus.profile=local")) {
                firstPort = first.port();
                assertTheDemoRunsOn(first);
            }
            try (PackagedApp moved = PackagedApp.start(db.jdbcUrl(), state, "demo-port-moved", "quarkus.profile=local")) {
                assertThat(moved.port()).as("another port than the first start's").isNotEqualTo(firstPort);
                assertTheDemoRunsOn(moved);
            }
        }
    }

    private static void assertTheDemoRunsOn(PackagedApp app) throws Exception {
        int port = app.port();
        assertThat(app.output()).contains("Demo site: open http://localhost:" + port + "/demo/")
                .doesNotContain("localhost:8080");
        assertThat(RawHttp.send(port, "GET", "/demo/", null).status()).isEqualTo(200);
        for (String origin : new String[] {"http://localhost:" + port, "http://127.0.0.1:" + port}) {
            RawHttp.Answer event = RawHttp.send(port, "POST", "/api/v1/sites/demo/events", "{\"eventId\":\"" + UUID.randomUUID()
                    + "\",\"visitorId\":\"" + UUID.randomUUID() + "\",\"type\":\"ACCEPT_ALL\"}", "Origin: " + origin);
            assertThat(event.status()).as("a banner event from " + origin + ": " + event.body()).isEqualTo(201);
        }
    }
}
