package org.consentledger;

import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "consent")
public interface ConsentConfig {

    EmbeddedPostgres embeddedPostgres();

    Geo geo();

    DevTokens devTokens();

    Ingest ingest();

    interface Ingest {
        /** Events waiting for the writer; when full, new events get 503 with Retry-After. */
        @WithDefault("20000")
        int queueCapacity();

        /** The most events committed in one transaction. */
        @WithDefault("1000")
        int maxBatch();
    }

    Demo demo();

    interface Demo {
        /** Serve the demo site at /demo/ and create its site "demo" at start. Never in production. */
        @WithDefault("false")
        boolean enabled();

        /** The origins the demo site's banner may call from: where the service runs locally. */
        @WithDefault("http://localhost:8080,http://127.0.0.1:8080")
        List<String> origins();
    }

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
