package org.consentledger;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "consent")
public interface ConsentConfig {

    EmbeddedPostgres embeddedPostgres();

    Geo geo();

    DevTokens devTokens();

    Ledger ledger();

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

    interface Ledger {
        /** The log's name in every checkpoint (C2SP origin line), and the signing key's name. */
        @WithDefault("consent-ledger.local/ledger")
        String origin();

        /** The Ed25519 signing key: PKCS#8 PEM, or base64 of the 32-byte seed. */
        Optional<String> signingKey();

        /** A file holding the signing key, as PEM. */
        Optional<String> signingKeyFile();

        /** Create the key file at first start when it is missing (local trial only). */
        @WithDefault("false")
        boolean generateKey();

        /** How often the sequencer turns queued records into leaves. */
        @WithDefault("200ms")
        Duration sequenceInterval();

        /** How often a signed checkpoint is made while new leaves exist. */
        @WithDefault("10s")
        Duration checkpointInterval();

        /** The most records the sequencer appends in one transaction. */
        @WithDefault("2000")
        int batchSize();
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
