package org.consentledger.consent;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Group commit of consent events. */
@ConfigMapping(prefix = "consent.ingest")
public interface IngestConfig {

    /** Events waiting for the writer; when full, new events get 503 with Retry-After. */
    @WithDefault("20000")
    int queueCapacity();

    /** The most events committed in one transaction. */
    @WithDefault("1000")
    int maxBatch();
}
