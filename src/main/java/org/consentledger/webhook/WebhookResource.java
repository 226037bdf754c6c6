package org.consentledger.webhook;

import java.net.URI;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import org.consentledger.common.Actors;
import org.consentledger.common.KeysetPage;
import org.consentledger.common.Params;
import org.consentledger.security.Roles;
import org.consentledger.security.SiteScope;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** A site's webhook endpoints, their secrets and their delivery log. */
@Path("/api/v1/admin/sites/{siteKey}/webhooks")
@RolesAllowed({ Roles.ADMIN, Roles.ADMIN_SCOPED })
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "jwt")
public class WebhookResource {

    private static final String ROLE = "Role: `admin`, or `admin:<siteKey>` on that site (another site's key answers 404).";

    @Inject WebhookService webhooks;
    @Inject SiteScope scope;

    @Operation(summary = "Add a webhook endpoint; its secret is shown this once", description = ROLE)
    @APIResponse(responseCode = "201", description = "Created, with Location", content = @Content(schema = @Schema(implementation = WebhookResponse.class)))
    @APIResponse(responseCode = "400", description = "Invalid request (a URL not https, or resolving to an internal address); the problem names the field")
    @APIResponse(responseCode = "404", description = "Not found")
    @APIResponse(responseCode = "422", description = "The site has as many endpoints as it may")
    @POST
    public Response create(@PathParam("siteKey") String siteKey, @NotNull @Valid WebhookRequest request,
            SecurityContext security) {
        scope.requireSite(Roles.ADMIN, siteKey);
        WebhookResponse created = webhooks.create(siteKey, request, Actors.of(security));
        return Response.created(URI.create("/api/v1/admin/sites/" + siteKey + "/webhooks/" + created.id()))
                .entity(created).build();
    }

    @Operation(summary = "List the site's webhook endpoints, without secrets", description = ROLE)
    @APIResponse(responseCode = "200", description = "OK")
    @APIResponse(responseCode = "404", description = "Not found")
    @GET
    public List<WebhookResponse> list(@PathParam("siteKey") String siteKey) {
        scope.requireSite(Roles.ADMIN, siteKey);
        return webhooks.list(siteKey);
    }

    @Operation(summary = "Read a webhook endpoint and its health: disabled and why, failing since, last delivery, pending and failed counts", description = ROLE)
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = WebhookResponse.class)))
    @APIResponse(responseCode = "400", description = "webhookId is not a UUID")
    @APIResponse(responseCode = "404", description = "Not found")
    @GET
    @Path("/{webhookId}")
    public WebhookResponse get(@PathParam("siteKey") String siteKey, @PathParam("webhookId") String id) {
        scope.requireSite(Roles.ADMIN, siteKey);
        return webhooks.get(siteKey, Params.requiredUuid("webhookId", id));
    }

    @Operation(summary = "Delete a webhook endpoint and its pending deliveries", description = ROLE)
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "400", description = "webhookId is not a UUID")
    @APIResponse(responseCode = "404", description = "Not found")
    @DELETE
    @Path("/{webhookId}")
    public Response delete(@PathParam("siteKey") String siteKey, @PathParam("webhookId") String id, SecurityContext security) {
        scope.requireSite(Roles.ADMIN, siteKey);
        webhooks.delete(siteKey, Params.requiredUuid("webhookId", id), Actors.of(security));
        return Response.noContent().build();
    }

    @Operation(summary = "Rotate the secret; the old one also signs for 24 hours", description = ROLE)
    @APIResponse(responseCode = "200", description = "The new secret, shown this once", content = @Content(schema = @Schema(implementation = WebhookResponse.class)))
    @APIResponse(responseCode = "400", description = "webhookId is not a UUID")
    @APIResponse(responseCode = "404", description = "Not found")
    @POST
    @Path("/{webhookId}/rotate-secret")
    public WebhookResponse rotateSecret(@PathParam("siteKey") String siteKey, @PathParam("webhookId") String id,
            SecurityContext security) {
        scope.requireSite(Roles.ADMIN, siteKey);
        return webhooks.rotateSecret(siteKey, Params.requiredUuid("webhookId", id), Actors.of(security));
    }

    @Operation(summary = "Enable a disabled endpoint: its pending deliveries are due now", description = ROLE)
    @APIResponse(responseCode = "200", description = "Enabled (or already was)", content = @Content(schema = @Schema(implementation = WebhookResponse.class)))
    @APIResponse(responseCode = "400", description = "webhookId is not a UUID")
    @APIResponse(responseCode = "404", description = "Not found")
    @POST
    @Path("/{webhookId}/enable")
    public WebhookResponse enable(@PathParam("siteKey") String siteKey, @PathParam("webhookId") String id,
            SecurityContext security) {
        scope.requireSite(Roles.ADMIN, siteKey);
        return webhooks.enable(siteKey, Params.requiredUuid("webhookId", id), Actors.of(security));
    }

    @Operation(summary = "Page through the endpoint's deliveries, oldest first", description = ROLE)
    @APIResponse(responseCode = "200", description = "OK")
    @APIResponse(responseCode = "400", description = "Invalid request; the problem names the field")
    @APIResponse(responseCode = "404", description = "Not found")
    @GET
    @Path("/{webhookId}/deliveries")
    public KeysetPage<DeliveryResponse> deliveries(@PathParam("siteKey") String siteKey, @PathParam("webhookId") String id,
            @QueryParam("status") String status, @QueryParam("cursor") String cursor, @QueryParam("limit") String limit) {
        scope.requireSite(Roles.ADMIN, siteKey);
        int size = Params.intInRange("limit", limit, WebhookService.MAX_PAGE, 1, WebhookService.MAX_PAGE);
        return webhooks.deliveries(siteKey, Params.requiredUuid("webhookId", id), status, cursor, size);
    }

    @Operation(summary = "Try a delivery again now", description = ROLE)
    @APIResponse(responseCode = "200", description = "Due now", content = @Content(schema = @Schema(implementation = DeliveryResponse.class)))
    @APIResponse(responseCode = "400", description = "Invalid request; the problem names the field")
    @APIResponse(responseCode = "404", description = "Not found")
    @POST
    @Path("/{webhookId}/deliveries/{deliveryId}/retry")
    public DeliveryResponse retry(@PathParam("siteKey") String siteKey, @PathParam("webhookId") String id,
            @PathParam("deliveryId") String deliveryId, SecurityContext security) {
        scope.requireSite(Roles.ADMIN, siteKey);
        long delivery = Params.longAtLeast("deliveryId", deliveryId, 0, 1);
        return webhooks.retry(siteKey, Params.requiredUuid("webhookId", id), delivery, Actors.of(security));
    }

    @Operation(summary = "Send again the deliveries made since a time, at most 1,000 per call", description = ROLE)
    @APIResponse(responseCode = "200", description = "Due now; nextFrom tells where the rest starts", content = @Content(schema = @Schema(implementation = ReplayResponse.class)))
    @APIResponse(responseCode = "400", description = "Invalid request; the problem names the field")
    @APIResponse(responseCode = "404", description = "Not found")
    @POST
    @Path("/{webhookId}/replay")
    public ReplayResponse replay(@PathParam("siteKey") String siteKey, @PathParam("webhookId") String id,
            @NotNull @Valid ReplayRequest request, SecurityContext security) {
        scope.requireSite(Roles.ADMIN, siteKey);
        return webhooks.replay(siteKey, Params.requiredUuid("webhookId", id), request.from(), Actors.of(security));
    }

    @Operation(summary = "Send a webhook.test to the endpoint", description = ROLE)
    @APIResponse(responseCode = "202", description = "Queued")
    @APIResponse(responseCode = "400", description = "webhookId is not a UUID")
    @APIResponse(responseCode = "404", description = "Not found")
    @POST
    @Path("/{webhookId}/test")
    public Response test(@PathParam("siteKey") String siteKey, @PathParam("webhookId") String id, SecurityContext security) {
        scope.requireSite(Roles.ADMIN, siteKey);
        webhooks.test(siteKey, Params.requiredUuid("webhookId", id), Actors.of(security));
        return Response.accepted().build();
    }
}
