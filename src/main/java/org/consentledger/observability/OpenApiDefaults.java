package org.consentledger.observability;

import java.util.LinkedHashMap;
import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * What the OpenAPI document says of every operation beyond its own annotations. Each endpoint
 * declares its summary, its role (in the description, and {@code @SecurityRequirement(name = "jwt")}
 * on its class when it needs a token, or on the method where a class mixes public endpoints in) and one {@code @APIResponse} per status code it answers, except those this
 * filter adds; see {@code site/SiteResource} for the pattern, and {@code OpenApiContractTest}, which
 * holds the document to the endpoint tables of docs/api.md. This filter adds the answers every
 * endpoint may give (docs/api.md, "Conventions"): 408 and 413 from the edge, 503 when the database
 * is unavailable or the service is shutting down; 401 and 403 to every endpoint that needs a token;
 * and gives every error answer the problem+json body.
 */
@OpenAPIDefinition(info = @Info(title = "Consent Ledger API", version = "1"))
@SecurityScheme(securitySchemeName = "jwt", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT",
        description = "A JWT whose groups claim holds admin, auditor, or a role scoped to sites such as auditor:news-*")
public class OpenApiDefaults implements OASFilter {

    /** Answers any endpoint may give, whatever it declares. */
    public static final Map<String, String> EVERY_ENDPOINT = Map.of(
            "408", "The request body arrived too slowly; the connection is closed",
            "413", "The body is larger than 1 MB",
            "503", "Database unavailable, or the instance is shutting down; retry after Retry-After");

    /** Answers any endpoint that needs a token may give: none or a bad one, or one without the role. */
    public static final Map<String, String> EVERY_SECURED_ENDPOINT = Map.of(
            "401", "No valid token",
            "403", "Forbidden");

    @Override
    public Operation filterOperation(Operation operation) {
        if (operation.getResponses() == null) {
            return operation;
        }
        if (operation.getSecurity() != null && !operation.getSecurity().isEmpty()) {
            EVERY_SECURED_ENDPOINT.forEach((code, description) -> addInCodeOrder(operation.getResponses(), code,
                    OASFactory.createAPIResponse().description(description)));
        }
        EVERY_ENDPOINT.forEach((code, description) -> {
            if (operation.getResponses().getAPIResponse(code) == null) {
                operation.getResponses().addAPIResponse(code, OASFactory.createAPIResponse().description(description));
            }
        });
        operation.getResponses().getAPIResponses().forEach((code, response) -> {
            if (code.startsWith("4") || code.startsWith("5")) {
                problemBody(response);
            }
        });
        return operation;
    }

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.components(OASFactory.createComponents());
        }
        Schema text = OASFactory.createSchema().addType(Schema.SchemaType.STRING);
        openAPI.getComponents().addSchema("Problem", OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("RFC 9457 problem details")
                .addProperty("type", text).addProperty("title", text)
                .addProperty("status", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER))
                .addProperty("detail", text).addProperty("instance", text)
                .addProperty("errors", OASFactory.createSchema().addType(Schema.SchemaType.ARRAY)
                        .items(OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                                .addProperty("field", text).addProperty("message", text))));
    }

    /**
     * Before the first code above it, where the endpoint's own annotations, written in code order,
     * would have put it; unless the endpoint declares the code itself.
     */
    private static void addInCodeOrder(APIResponses responses, String code, APIResponse response) {
        if (responses.hasAPIResponse(code)) {
            return;
        }
        Map<String, APIResponse> ordered = new LinkedHashMap<>();
        responses.getAPIResponses().forEach((existing, value) -> {
            if (!ordered.containsKey(code) && existing.compareTo(code) > 0) {
                ordered.put(code, response);
            }
            ordered.put(existing, value);
        });
        ordered.putIfAbsent(code, response);
        responses.setAPIResponses(ordered);
    }

    private static void problemBody(APIResponse response) {
        if (response.getContent() == null || response.getContent().getMediaTypes().isEmpty()) {
            response.content(OASFactory.createContent().addMediaType("application/problem+json",
                    OASFactory.createMediaType().schema(OASFactory.createSchema().ref("#/components/schemas/Problem"))));
        }
    }
}
