package org.consentledger.common;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** Background work on named daemon threads, which never keep the service from stopping. */
public final class DaemonThreads {

    private DaemonThreads() {
    }

    /** A scheduler of {@code threads} threads, each named {@code name} in thread dumps and logs. */
    public static ScheduledExecutorService scheduler(String name, int threads) {
        return Executors.newScheduledThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
    }
}
