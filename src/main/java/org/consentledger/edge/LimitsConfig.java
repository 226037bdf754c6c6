package org.consentledger.edge;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Rate limits on the public API, as token buckets: a bucket holds up to its burst and refills at
 * its rate per second. Each request to the notice or a visitor's consent costs one token, each
 * event one token (a batch of 40 costs 40). A real visitor makes a few requests per page view, so
 * the defaults leave room for a large office or mobile network behind one client prefix, and for
 * a busy news site at its peak, while one client can no longer fill the ledger.
 */
@ConfigMapping(prefix = "consent.limits")
public interface LimitsConfig {

    /** Off: no request is ever limited. */
    @WithDefault("true")
    boolean enabled();

    /** Requests or events per second from one client prefix (IPv4 /24, IPv6 /48). */
    @WithDefault("50")
    double clientRate();

    /** The most a client prefix may send at once after being quiet. */
    @WithDefault("500")
    int clientBurst();

    /** Requests or events per second for one site, from all its visitors together. */
    @WithDefault("5000")
    double siteRate();

    @WithDefault("50000")
    int siteBurst();

    /**
     * Receipt checks per second from one client prefix, in a bucket of their own: a check reads the
     * ledger and verifies a signature, and a visitor or an auditor checks a receipt now and then (an
     * auditor with many receipts checks them offline, against an export).
     */
    @WithDefault("5")
    double receiptRate();

    @WithDefault("50")
    int receiptBurst();

    /** Client prefixes tracked at once; beyond, idle ones are forgotten, then newcomers share one bucket. */
    @WithDefault("100000")
    int maxTrackedClients();

    /**
     * Per client (or site) and route, at most one consent.security line per interval; the
     * refusals in between are counted in the next line's {@code suppressed}. Zero: a line for each.
     */
    @WithDefault("1s")
    Duration logInterval();
}
