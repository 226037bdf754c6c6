package org.consentledger.database;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "consent.embedded-postgres")
public interface EmbeddedPostgresConfig {

    /** Port of the embedded server; the default datasource URL points at it. */
    @WithDefault("54329")
    int port();

    /** Kept across restarts. */
    @WithDefault("data/postgres")
    String dataDir();
}
