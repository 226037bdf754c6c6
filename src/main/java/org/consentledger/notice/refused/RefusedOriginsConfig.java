package org.consentledger.notice.refused;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Counting the origins the banner API refuses, per site. */
@ConfigMapping(prefix = "consent.refused-origins")
public interface RefusedOriginsConfig {

    /** How often the counts kept in memory are added to the database. */
    @WithDefault("30s")
    Duration flushInterval();

    /**
     * Distinct origins kept per site, in memory and in the database. Beyond it, the origins refused
     * for the fewest distinct clients (then the least recently seen) give way.
     */
    @WithDefault("100")
    int maxPerSite();

    /** An origin not refused for this long is forgotten: no longer listed, and deleted at the next flush. */
    @WithDefault("30d")
    Duration expireAfter();
}
