package org.consentledger.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.consentledger.support.PackagedApp;
import org.consentledger.support.RawHttp;
import org.consentledger.support.ScratchDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Where a packaged service (prod profile, management interface on) serves its OpenAPI document:
 * on the main port, as docs/operations.md says, next to the API it describes. Tests run without the
 * management interface, so only the packaged jar can show this.
 */
@Tag("process")
class OpenApiPortIT {

    @BeforeAll
    static void onTheJarOfThisBuild() {
        assumeTrue(PackagedApp.packagedForThisBuild(), "runs after package, in the packaged-jar execution");
    }

    @Test
    void theOpenApiDocumentIsOnTheMainPortAndMetricsStayOnTheManagementPort() throws Exception {
        Path state = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "it-state");
        try (ScratchDatabase db = ScratchDatabase.start();
                PackagedApp app = PackagedApp.start(db.jdbcUrl(), state, "openapi-port-it")) {
            RawHttp.Answer yaml = RawHttp.send(app.port(), "GET", "/q/openapi", null);
            assertThat(yaml.status()).as("/q/openapi on the main port").isEqualTo(200);
            assertThat(yaml.body()).contains("openapi: 3").contains("title: Consent Ledger API")
                    .contains("/api/v1/sites/{siteKey}/events:");
            RawHttp.Answer json = RawHttp.send(app.port(), "GET", "/q/openapi?format=json", null);
            assertThat(json.status()).isEqualTo(200);
            assertThat(json.body()).contains("\"title\" : \"Consent Ledger API\"");

            assertThat(RawHttp.send(app.managementPort(), "GET", "/q/openapi", null).status())
                    .as("not served twice").isEqualTo(404);
            assertThat(RawHttp.send(app.managementPort(), "GET", "/q/metrics", null).status())
                    .as("metrics on the management port").isEqualTo(200);
            assertThat(RawHttp.send(app.port(), "GET", "/q/metrics", null).status())
                    .as("and not on the main port").isEqualTo(404);
        }
    }
}
