package org.consentledger.database;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;

import org.consentledger.common.DaemonThreads;

import io.agroal.api.AgroalDataSource;
import io.quarkus.arc.InjectableInstance;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Frees threads that wait for a pooled connection far past the acquisition timeout.
 * <p>
 * Agroal waits for a connection in {@code LinkedTransferQueue.poll(timeout)}, which on Java 17
 * can miss its timeout and spin until it is matched or interrupted (JDK-8301341, fixed in Java
 * 22). Under a frozen database with every connection busy, a request then hung instead of
 * answering 503, and its thread burned a core. Once a second, while any pool has waiters, this
 * looks for threads that have been inside the pool's wait for longer than the acquisition
 * timeout plus a grace period and interrupts them: Agroal then throws "Interrupted while
 * acquiring", which the client gets as the usual 503 with Retry-After.
 */
@ApplicationScoped
public class StuckPoolWaits {

    private static final long GRACE_MILLIS = 1_000;

    private final List<AgroalDataSource> pools;
    private final long stuckAfterMillis;
    /** Threads seen waiting in the pool, with when they were first seen so. */
    private final Map<Thread, Long> waitingSince = new HashMap<>();
    private ScheduledExecutorService executor;

    StuckPoolWaits(@Any InjectableInstance<AgroalDataSource> pools, DatabaseConfig config) {
        this.pools = pools.listActive();
        this.stuckAfterMillis = config.acquisitionTimeout() * 1_000L + GRACE_MILLIS;
    }

    void start(@Observes StartupEvent event) {
        executor = DaemonThreads.scheduler("pool-watch", 1);
        executor.scheduleWithFixedDelay(this::releaseStuckWaits, 1, 1, TimeUnit.SECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    void releaseStuckWaits() {
        try {
            if (!anyoneWaiting()) {
                waitingSince.clear();
                return;
            }
            long now = System.currentTimeMillis();
            Map<Thread, Long> stillWaiting = new HashMap<>();
            Thread.getAllStackTraces().forEach((thread, stack) -> {
                if (waitsForAConnection(stack)) {
                    long since = waitingSince.getOrDefault(thread, now);
                    stillWaiting.put(thread, since);
                    if (now - since > stuckAfterMillis) {
                        Log.warnf("Thread %s has waited %d ms for a pooled connection, past the acquisition timeout;"
                                + " interrupting it (JDK-8301341)", thread.getName(), now - since);
                        thread.interrupt();
                    }
                }
            });
            waitingSince.clear();
            waitingSince.putAll(stillWaiting);
        } catch (RuntimeException e) {
            Log.warn("Could not look for stuck pool waits", e);
        }
    }

    private boolean anyoneWaiting() {
        return pools.stream().anyMatch(pool -> pool.getMetrics().awaitingCount() > 0);
    }

    /** In the pool's transfer-queue wait: the frames of Agroal's shared-cache acquisition. */
    static boolean waitsForAConnection(StackTraceElement[] stack) {
        boolean inTransferQueue = false;
        for (StackTraceElement frame : stack) {
            if (frame.getClassName().equals("java.util.concurrent.LinkedTransferQueue")) {
                inTransferQueue = true;
            } else if (inTransferQueue && frame.getClassName().equals("io.agroal.pool.ConnectionPool")
                    && frame.getMethodName().equals("handlerFromSharedCache")) {
                return true;
            } else if (!frame.getClassName().startsWith("java.") && !frame.getClassName().startsWith("jdk.")) {
                return false;
            }
        }
        return false;
    }
}
