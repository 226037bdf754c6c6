package org.consentledger.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "consent.dev-tokens")
public interface DevTokensConfig {

    /** Serve /dev/token with a key generated in data/dev-jwt. Never in production. */
    @WithDefault("false")
    boolean enabled();
}
