package org.consentledger.common;

import java.time.Clock;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The one source of the current time. Everything that reads the time injects {@link Clock}, so
 * tests move time (effective dates, checkpoints, lifetimes) instead of sleeping.
 */
public class SystemClock {

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
