package org.consentledger.database;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which threads the watch takes for waiting on the pool: only those inside Agroal's transfer-queue wait. */
class StuckPoolWaitsTest {

    private static StackTraceElement frame(String className, String method) {
        return new StackTraceElement(className, method, null, -1);
    }

    @Test
    void aThreadSpinningInThePoolsTransferQueueWaitsForAConnection() {
        // The top of the stack seen in a hung request's thread dump.
        StackTraceElement[] stack = {
                frame("java.util.concurrent.LinkedTransferQueue", "awaitMatch"),
                frame("java.util.concurrent.LinkedTransferQueue", "xfer"),
                frame("java.util.concurrent.LinkedTransferQueue", "poll"),
                frame("io.agroal.pool.ConnectionPool", "handlerFromSharedCache"),
                frame("io.agroal.pool.ConnectionPool", "internalGetConnection"),
                frame("org.consentledger.site.SiteRepository", "findByKey") };
        assertThat(StuckPoolWaits.waitsForAConnection(stack)).isTrue();
    }

    @Test
    void threadsDoingAnythingElseAreLeftAlone() {
        StackTraceElement[] readingASocket = {
                frame("sun.nio.ch.Net", "poll"),
                frame("org.postgresql.core.VisibleBufferedInputStream", "read"),
                frame("io.agroal.pool.ConnectionPool", "handlerFromSharedCache") };
        StackTraceElement[] idleQueueConsumer = {
                frame("java.util.concurrent.LinkedTransferQueue", "awaitMatch"),
                frame("java.util.concurrent.LinkedTransferQueue", "poll"),
                frame("org.jboss.threads.EnhancedQueueExecutor", "runThreadBody") };
        assertThat(StuckPoolWaits.waitsForAConnection(readingASocket)).isFalse();
        assertThat(StuckPoolWaits.waitsForAConnection(idleQueueConsumer)).isFalse();
        assertThat(StuckPoolWaits.waitsForAConnection(new StackTraceElement[0])).isFalse();
    }
}
