package org.consentledger;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "consent")
public interface ConsentConfig {

    EmbeddedPostgres embeddedPostgres();

    Geo geo();

    DevTokens devTokens();

    interface DevTokens {
        /** Serve /dev/token with a key generated in data/dev-jwt. Never in production. */
        @WithDefault("false")
        boolean enabled();
    }

    interface EmbeddedPostgres {
        /** Port of the embedded server; the default datasource URL points at it. */
        @WithDefault("54329")
        int port();

        /** Kept across restarts. */
        @WithDefault("data/postgres")
        String dataDir();
    }

    interface Geo {
        /** Name of the trusted edge header carrying an ISO 3166-1 alpha-2 country code. */
        Optional<String> countryHeader();
    }
}
