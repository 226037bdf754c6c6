package org.consentledger.retention;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Retention's settings, under consent.retention (environment: CONSENT_RETENTION_...). */
@ConfigMapping(prefix = "consent.retention")
public interface RetentionConfig {

    /** How often each replica makes partitions ahead and purges the events whose day has come. */
    @WithDefault("1h")
    Duration interval();

    /** Whether the job purges at all; partitions are made ahead either way. */
    @WithDefault("true")
    boolean purge();
}
