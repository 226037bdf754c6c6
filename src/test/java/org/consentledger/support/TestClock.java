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
    private volatile Instant frozenAt;
    private volatile StackTraceElement jumpAfterReadIn;
    private volatile Duration jumpBy;
    private volatile boolean jumped;

    /** Moves the application's time forward (or back, for a negative duration). */
    public synchronized void advance(Duration duration) {
        offset = offset.plus(duration);
    }

    /** Stops time where it is: only {@link #advance} moves it, until {@link #reset}. */
    public synchronized void freeze() {
        frozenAt = system.instant();
    }

    /**
     * Moves time forward by {@code by} right after the next read made from within that method: the
     * read itself still sees the time before. A race between a check and a use, made deterministic.
     */
    public synchronized void jumpRightAfterAReadIn(Class<?> reader, String method, Duration by) {
        jumpAfterReadIn = new StackTraceElement(reader.getName(), method, null, -1);
        jumpBy = by;
        jumped = false;
    }

    /** Whether the jump armed by {@link #jumpRightAfterAReadIn} has happened. */
    public boolean jumped() {
        return jumped;
    }

    /** Back to the system's time, running, with no jump armed. */
    public synchronized void reset() {
        offset = Duration.ZERO;
        frozenAt = null;
        jumpAfterReadIn = null;
        jumped = false;
    }

    @Override
    public Instant instant() {
        Instant base = frozenAt;
        Instant now = (base == null ? system.instant() : base).plus(offset);
        StackTraceElement reader = jumpAfterReadIn;
        if (reader != null && readFrom(reader)) {
            synchronized (this) {
                if (jumpAfterReadIn == reader) {
                    offset = offset.plus(jumpBy);
                    jumpAfterReadIn = null;
                    jumped = true;
                }
            }
        }
        return now;
    }

    private static boolean readFrom(StackTraceElement reader) {
        return StackWalker.getInstance().walk(frames -> frames.anyMatch(frame -> frame.getClassName()
                .equals(reader.getClassName()) && frame.getMethodName().equals(reader.getMethodName())));
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
