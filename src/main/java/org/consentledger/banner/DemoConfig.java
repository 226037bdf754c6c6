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

    /** The origins the demo site's banner may call from: where the service runs locally. */
    @WithDefault("http://localhost:8080,http://127.0.0.1:8080")
    List<String> origins();
}
