package org.consentledger.webhook;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Webhook endpoints and their delivery. */
@ConfigMapping(prefix = "consent.webhooks")
public interface WebhooksConfig {

    /**
     * Lets endpoints be http and resolve to loopback, private, link-local and other internal
     * addresses. For the tests and local development only: in production it opens server-side
     * request forgery.
     */
    @WithDefault("false")
    boolean allowPrivate();

    /** How many endpoints a site may have. */
    @WithDefault("20")
    int maxEndpointsPerSite();

    /** How often the worker looks for deliveries due. */
    @WithDefault("1s")
    Duration pollInterval();

    /** Threads that deliver, across all endpoints: a slow receiver holds one of these, never a writer's. */
    @WithDefault("32")
    int threads();

    /** Deliveries in flight to one endpoint at a time, from this replica. */
    @WithDefault("8")
    int maxInFlightPerEndpoint();

    /** How long a claimed delivery stays claimed; past it (a crash), another worker takes it. */
    @WithDefault("60s")
    Duration lease();

    /** Whether this replica delivers (the tests that look at rows before delivery turn it off). */
    @WithDefault("true")
    boolean deliver();
}
