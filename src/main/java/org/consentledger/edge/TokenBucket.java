package org.consentledger.edge;

/**
 * A token bucket: holds up to {@code burst} tokens and gains {@code rate} per second. A cost
 * larger than the burst is admitted from a full bucket and leaves it in debt, so a large batch is
 * never refused forever and still counts every event.
 */
final class TokenBucket {

    private final double perMilli;
    private final double burst;
    private double tokens;
    private long updatedMillis;

    TokenBucket(double ratePerSecond, int burst, long nowMillis) {
        this.perMilli = ratePerSecond / 1000.0;
        this.burst = burst;
        this.tokens = burst;
        this.updatedMillis = nowMillis;
    }

    /** Takes the cost and returns 0, or takes nothing and returns the milliseconds until it could. */
    synchronized long take(int cost, long nowMillis) {
        refill(nowMillis);
        double needed = Math.min(cost, burst);
        if (tokens >= needed) {
            tokens -= cost;
            return 0;
        }
        return Math.max(1, (long) Math.ceil((needed - tokens) / perMilli));
    }

    /** Full again: nothing was taken for long enough that forgetting this bucket changes nothing. */
    synchronized boolean full(long nowMillis) {
        refill(nowMillis);
        return tokens >= burst;
    }

    private void refill(long nowMillis) {
        long elapsed = Math.max(0, nowMillis - updatedMillis);
        tokens = Math.min(burst, tokens + elapsed * perMilli);
        updatedMillis = Math.max(updatedMillis, nowMillis);
    }
}
