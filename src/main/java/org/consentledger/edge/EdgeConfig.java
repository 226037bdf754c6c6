package org.consentledger.edge;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** What the service believes about a request's network path, and how long a body may take. */
@ConfigMapping(prefix = "consent.edge")
public interface EdgeConfig {

    /**
     * The proxies in front of the service, as IP addresses or CIDR ranges. Only a connection from
     * one of them has its X-Forwarded-For (or Forwarded) read and its country header believed. Unset: none.
     */
    Optional<List<String>> trustedProxies();

    /**
     * The longest a request body may pause, and the grace before {@link #bodyMinRate()} applies.
     * A body that takes longer is answered with 408 and its connection closed.
     */
    @WithDefault("5s")
    Duration bodyReadTimeout();

    /** Bytes per second a request body must keep up after the grace of {@link #bodyReadTimeout()}. */
    @WithDefault("1024")
    int bodyMinRate();

    /** Liveness is DOWN when a trivial task waits longer than this for a worker thread. */
    @WithDefault("5s")
    Duration livenessTimeout();
}
