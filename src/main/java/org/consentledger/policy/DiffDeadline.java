package org.consentledger.policy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/** When a diff stops: its time limit has passed, or the client that asked for it has gone. */
record DiffDeadline(Clock clock, Instant deadline, BooleanSupplier clientGone) implements BooleanSupplier {

    static DiffDeadline after(Clock clock, Duration limit, BooleanSupplier clientGone) {
        return new DiffDeadline(clock, clock.instant().plus(limit), clientGone);
    }

    @Override
    public boolean getAsBoolean() {
        return clientGone.getAsBoolean() || !clock.instant().isBefore(deadline);
    }
}
