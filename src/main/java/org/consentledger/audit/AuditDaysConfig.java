package org.consentledger.audit;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Rolling up each complete UTC day of each site into audit_day and reconsent_day, for the
 * timeseries and re-consent progress, and snapshots of the days in progress.
 */
@ConfigMapping(prefix = "consent.audit-days")
public interface AuditDaysConfig {

    /** Whether this replica rolls days up; every replica may, as a day is stored once. */
    @WithDefault("true")
    boolean rollUp();

    /** How often to look for days to roll up and to snapshot the days in progress: how stale today may be. */
    @WithDefault("5m")
    Duration interval();

    /** How long after its end a day is rolled up: events accepted just before midnight are committed by then. */
    @WithDefault("5m")
    Duration grace();

    /** Days rolled up per site per run, so a first run over years of events is spread out. */
    @WithDefault("60")
    int daysPerRun();
}
