package org.consentledger.security;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** What a bearer token must satisfy beyond its signature, issuer and expiry (consent.tokens). */
@ConfigMapping(prefix = "consent.tokens")
public interface TokensConfig {

    /**
     * The longest a token may be issued for (exp - iat). A stolen token is useful for at most
     * this long, whatever its issuer put in exp.
     */
    @WithDefault("1h")
    Duration maxLifetime();
}
