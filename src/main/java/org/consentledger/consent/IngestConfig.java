package org.consentledger.consent;

import java.time.Duration;

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

    /**
     * How long a request waits for its event's commit before it is answered with 503. The event
     * may still be written; the client's retry with the same eventId is answered once.
     */
    @WithDefault("5s")
    Duration timeout();

    /** After the database failed a batch, new events are refused with 503 for this long. */
    @WithDefault("1s")
    Duration pauseAfterFailure();
}
