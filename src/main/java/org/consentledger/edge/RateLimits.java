package org.consentledger.edge;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.consentledger.common.ApiException;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The public API's rate limits: one token bucket per client prefix, checked before anything else,
 * and one per site, checked once the site is known (so unknown site keys create no buckets) and
 * the caller's origin allowed (so a foreign page cannot spend the site's budget). A
 * request over either limit gets 429 with Retry-After and does nothing.
 * <p>
 * Each 429 counts in {@code consent_rate_limited_total{limit, route, site}}. {@code site} is the site
 * key for the site's limit, and empty for a client's: that one is checked before the site is
 * known, and a key from the path that may not exist must not become a label. Site keys are a
 * label because sites are few (tens, an operator's choice), not visitors.
 */
@Singleton
public class RateLimits {

    private static final String OVERFLOW = "overflow";

    @Inject LimitsConfig config;
    @Inject Clock clock;
    @Inject LimitLog log;
    @Inject MeterRegistry registry;
    private final Map<String, TokenBucket> clients = new ConcurrentHashMap<>();
    private final Map<String, TokenBucket> receiptCheckers = new ConcurrentHashMap<>();
    private final Map<String, TokenBucket> sites = new ConcurrentHashMap<>();

    /** Takes {@code cost} tokens from the client's bucket, or throws 429. */
    public void admitClient(String route, ClientOrigin client, int cost) {
        if (!config.enabled()) {
            return;
        }
        long now = clock.millis();
        TokenBucket bucket = bucketOf(clients, client, now, config.clientRate(), config.clientBurst());
        refuseIfEmpty(bucket, cost, now, "client-rate", route, client, null);
    }

    /**
     * Takes one token from the client's bucket for receipt checks, or throws 429. A check reads the
     * ledger, so it has a smaller budget of its own, and checking receipts spends none of the
     * client's banner budget.
     */
    public void admitReceiptCheck(String route, ClientOrigin client) {
        if (!config.enabled()) {
            return;
        }
        long now = clock.millis();
        TokenBucket bucket = bucketOf(receiptCheckers, client, now, config.receiptRate(), config.receiptBurst());
        refuseIfEmpty(bucket, 1, now, "receipt-rate", route, client, null);
    }

    private TokenBucket bucketOf(Map<String, TokenBucket> buckets, ClientOrigin client, long now, double rate, int burst) {
        TokenBucket bucket = buckets.get(client.limitKey());
        return bucket != null ? bucket
                : buckets.computeIfAbsent(trackable(buckets, client.limitKey(), now), key -> new TokenBucket(rate, burst, now));
    }

    /** Takes {@code cost} tokens from the site's bucket, or throws 429. */
    public void admitSite(String route, ClientOrigin client, String siteKey, int cost) {
        if (!config.enabled()) {
            return;
        }
        long now = clock.millis();
        TokenBucket bucket = sites.computeIfAbsent(siteKey, key -> new TokenBucket(config.siteRate(), config.siteBurst(), now));
        refuseIfEmpty(bucket, cost, now, "site-rate", route, client, siteKey);
    }

    private void refuseIfEmpty(TokenBucket bucket, int cost, long now, String reason, String route, ClientOrigin client,
            String siteKey) {
        long waitMillis = bucket.take(cost, now);
        if (waitMillis > 0) {
            long retryAfter = Math.max(1, (waitMillis + 999) / 1000);
            log.rateLimited(reason, route, client.prefix(), siteKey, cost, retryAfter);
            Counter.builder("consent_rate_limited").description("Requests refused with 429 by a rate limit")
                    .tags("limit", reason, "route", route, "site", siteKey == null ? "" : siteKey).register(registry)
                    .increment();
            throw ApiException.tooManyRequests(retryAfter);
        }
    }

    /** The key itself while there is room; past the cap, idle buckets go, then newcomers share one. */
    private String trackable(Map<String, TokenBucket> buckets, String key, long now) {
        if (buckets.size() < config.maxTrackedClients()) {
            return key;
        }
        synchronized (buckets) {
            buckets.entrySet().removeIf(entry -> entry.getValue().full(now));
            return buckets.size() < config.maxTrackedClients() ? key : OVERFLOW;
        }
    }
}
