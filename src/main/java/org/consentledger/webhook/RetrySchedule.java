package org.consentledger.webhook;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When a failed delivery is tried again: after 5 s, 1 min, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h,
 * then every 24 h four times, each ±20 % at random so that many failures do not come back at once.
 * Thirteen attempts over about 5 days and 8 hours; then the delivery has failed. An endpoint that
 * has answered nothing but failures for {@link #DISABLE_AFTER} is disabled.
 */
final class RetrySchedule {

    static final List<Duration> DELAYS = List.of(Duration.ofSeconds(5), Duration.ofMinutes(1), Duration.ofMinutes(5),
            Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(5), Duration.ofHours(10), Duration.ofHours(14),
            Duration.ofHours(24), Duration.ofHours(24), Duration.ofHours(24), Duration.ofHours(24));

    static final Duration DISABLE_AFTER = Duration.ofDays(5);

    private RetrySchedule() {
    }

    /** The wait after the {@code attempts}-th failed attempt, jittered; empty when none is left. */
    static Optional<Duration> after(int attempts) {
        if (attempts < 1 || attempts > DELAYS.size()) {
            return Optional.empty();
        }
        long millis = DELAYS.get(attempts - 1).toMillis();
        double jitter = ThreadLocalRandom.current().nextDouble(0.8, 1.2);
        return Optional.of(Duration.ofMillis((long) (millis * jitter)));
    }
}
