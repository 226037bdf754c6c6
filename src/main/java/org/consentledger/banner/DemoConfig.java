package org.consentledger.banner;

import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The demo site at /demo/. */
@ConfigMapping(prefix = "consent.demo")
public interface DemoConfig {

    /** Serve the demo site at /demo/ and create its site "demo" at start. Never in production. */
    @WithDefault("false")
    boolean enabled();

    /**
     * The origins the demo site's banner may call from: where the service runs locally, on the
     * HTTP port it is given (QUARKUS_HTTP_PORT). The first is the address the start names.
     */
    @WithDefault("http://localhost:${quarkus.http.port},http://127.0.0.1:${quarkus.http.port}")
    List<String> origins();
}
