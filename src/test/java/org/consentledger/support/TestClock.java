package org.consentledger.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;

/**
 * The application's clock in every {@code @QuarkusTest}, in place of the SystemClock producer: the
 * system's UTC clock moved by an offset. A test moves time forward instead of sleeping until an
 * effective date or a cache lifetime has passed, and resets the clock afterwards, since the
 * application is shared by all tests.
 */
@Alternative
@Priority(1)
@Singleton
public class TestClock extends Clock {

    private final Clock system = Clock.systemUTC();
    private volatile Duration offset = Duration.ZERO;

    /** Moves the application's time forward (or back, for a negative duration). */
    public synchronized void advance(Duration duration) {
        offset = offset.plus(duration);
    }

    /** Back to the system's time. */
    public void reset() {
        offset = Duration.ZERO;
    }

    @Override
    public Instant instant() {
        return system.instant().plus(offset);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    /** The same moving instants, seen from another zone. */
    @Override
    public Clock withZone(ZoneId zone) {
        TestClock moved = this;
        return new Clock() {
            @Override
            public Instant instant() {
                return moved.instant();
            }

            @Override
            public ZoneId getZone() {
                return zone;
            }

            @Override
            public Clock withZone(ZoneId other) {
                return moved.withZone(other);
            }
        };
    }
}
