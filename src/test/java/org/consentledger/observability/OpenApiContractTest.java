package org.consentledger.observability;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The OpenAPI document and the endpoint tables of the API reference (docs/api.md) say the same:
 * every path and method in one is in the other, with the same status codes. The codes of a row are
 * those in its "Status codes" column, plus the ones the reference says every endpoint may answer.
 * When this fails, fix whichever of the two is wrong about what the endpoint really answers.
 */
@QuarkusTest
class OpenApiContractTest {

    private static final Path API_REFERENCE = Path.of("docs/api.md");
    private static final Pattern CODE = Pattern.compile("\\b([2-5][0-9]{2})\\b");
    private static final Pattern PATH = Pattern.compile("`(/[^`?]*)[^`]*`");

    @Test
    void theOpenApiDocumentAnswersExactlyTheStatusCodesOfTheApiReferencesEndpointTables() throws IOException {
        String reference = Files.readString(API_REFERENCE);
        Map<String, Set<String>> documented = endpointTables(reference, everyEndpointCodes(reference));
        assertThat(documented).as("rows in the endpoint tables of " + API_REFERENCE).hasSizeGreaterThan(35);
        Map<String, Set<String>> served = openApi();
        assertThat(served.keySet()).as("endpoints in OpenAPI and in " + API_REFERENCE).containsExactlyInAnyOrderElementsOf(documented.keySet());
        served.forEach((endpoint, codes) -> assertThat(codes).as(endpoint).containsExactlyInAnyOrderElementsOf(documented.get(endpoint)));
    }

    @Test
    void publicEndpointsNeedNoTokenAndProtectedOnesNameTheirRole() throws IOException {
        JsonNode paths = document().path("paths");
        assertThat(paths.path("/api/v1/ledger/checkpoint").path("get").has("security")).isFalse();
        assertThat(paths.path("/api/v1/ledger/public-key").path("get").has("security")).isFalse();
        assertThat(paths.path("/api/v1/sites/{siteKey}/events").path("post").has("security")).isFalse();
        JsonNode export = paths.path("/api/v1/ledger/export").path("get");
        assertThat(export.path("security").get(0).has("jwt")).isTrue();
        assertThat(export.path("description").asText()).contains("auditor");
        paths.forEach(path -> path.forEach(operation -> {
            assertThat(operation.path("summary").asText()).isNotBlank();
            assertThat(operation.path("description").asText()).containsAnyOf("Role:", "Public:");
        }));
        JsonNode created = paths.path("/api/v1/sites/{siteKey}/events").path("post").path("responses").path("201");
        assertThat(created.path("content").path("application/json").path("schema").path("$ref").asText()).endsWith("EventResponse");
        assertThat(paths.path("/api/v1/admin/sites").path("post").path("requestBody").isMissingNode()).isFalse();
    }

    @Test
    void everyOperationThatNeedsATokenAnswers401And403AsProblems() throws IOException {
        List<String> secured = new ArrayList<>();
        document().path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(operation -> {
            String endpoint = operation.getKey().toUpperCase() + " " + path.getKey();
            JsonNode responses = operation.getValue().path("responses");
            if (!operation.getValue().has("security")) {
                assertThat(responses.has("401")).as(endpoint + " needs no token, so never answers 401").isFalse();
                return;
            }
            secured.add(endpoint);
            assertThat(responses.path("401").path("description").asText()).as(endpoint).isEqualTo("No valid token");
            assertThat(responses.path("403").path("description").asText()).as(endpoint).isEqualTo("Forbidden");
            for (String code : List.of("401", "403")) {
                assertThat(responses.path(code).path("content").path("application/problem+json").path("schema")
                        .path("$ref").asText()).as(endpoint + " " + code).isEqualTo("#/components/schemas/Problem");
            }
        }));
        assertThat(secured).as("operations that need a token").hasSizeGreaterThanOrEqualTo(32);
    }

    @Test
    void swaggerUiIsNotServedOutsideDevMode() {
        given().get("/q/swagger-ui").then().statusCode(404);
    }

    private static JsonNode document() throws IOException {
        return new ObjectMapper().readTree(given().get("/q/openapi?format=json").then().statusCode(200).extract().asString());
    }

    private static Map<String, Set<String>> openApi() throws IOException {
        Map<String, Set<String>> out = new TreeMap<>();
        document().path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(operation -> {
            Set<String> codes = new TreeSet<>();
            operation.getValue().path("responses").fieldNames().forEachRemaining(codes::add);
            out.put(operation.getKey().toUpperCase() + " " + path.getKey(), codes);
        }));
        return out;
    }

    /** The codes listed under "Every endpoint may also answer:". */
    private static Set<String> everyEndpointCodes(String reference) {
        String list = reference.substring(reference.indexOf("Every endpoint may also answer:"));
        list = list.substring(0, list.indexOf("\n\n", list.indexOf("\n- ")));
        Set<String> codes = new TreeSet<>();
        for (String line : list.split("\n")) {
            Matcher m = Pattern.compile("^- `(\\d{3})`").matcher(line);
            if (m.find()) {
                codes.add(m.group(1));
            }
        }
        assertThat(codes).isNotEmpty();
        return codes;
    }

    /** Every row of every table whose header has Method, Path and Status codes. */
    private static Map<String, Set<String>> endpointTables(String reference, Set<String> everyEndpoint) {
        Map<String, Set<String>> out = new TreeMap<>();
        List<String> header = null;
        for (String line : reference.split("\n")) {
            if (!line.startsWith("|")) {
                header = null;
                continue;
            }
            List<String> cells = cells(line);
            if (header == null) {
                header = cells;
                continue;
            }
            if (!header.contains("Method") || !header.contains("Path") || !header.contains("Status codes")
                    || line.startsWith("|---")) {
                continue;
            }
            Matcher path = PATH.matcher(cells.get(header.indexOf("Path")));
            assertThat(path.find()).as(line).isTrue();
            Set<String> codes = new TreeSet<>(everyEndpoint);
            Matcher code = CODE.matcher(cells.get(header.indexOf("Status codes")));
            while (code.find()) {
                codes.add(code.group(1));
            }
            String endpoint = cells.get(header.indexOf("Method")) + " " + path.group(1);
            assertThat(out.put(endpoint, codes)).as("one row per endpoint: " + endpoint).isNull();
        }
        return out;
    }

    private static List<String> cells(String row) {
        String inner = row.trim().substring(1, row.trim().length() - 1);
        return List.of(inner.replace("\\|", "\u0000").split("\\|")).stream().map(c -> c.replace('\u0000', '|').trim()).toList();
    }
}
