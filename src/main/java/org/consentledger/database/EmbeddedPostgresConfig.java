package org.consentledger.database;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "consent.embedded-postgres")
public interface EmbeddedPostgresConfig {

    String DEFAULT_DATA_DIR = "data/postgres";
    String ROOT_DATA_DIR = "/var/lib/consent-ledger/postgres";
    String ROOT_BINARIES_DIR = "/var/lib/consent-ledger/embedded-pg";

    /** Port of the embedded server; the default datasource URL points at it. */
    @WithDefault("54329")
    int port();

    /** Kept across restarts. Started by root, the default is {@link #ROOT_DATA_DIR}. */
    @WithDefault(DEFAULT_DATA_DIR)
    String dataDir();

    /** Where the binaries are unpacked; see {@link EmbeddedPostgresServer#defaultBinariesDir()}. */
    Optional<String> binariesDir();
}
