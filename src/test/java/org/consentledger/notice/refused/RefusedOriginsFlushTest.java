package org.consentledger.notice.refused;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** Flushes without a database: a repository that can hold a flush in the middle of its write. */
class RefusedOriginsFlushTest {

    private final CountDownLatch writing = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private final List<List<RefusedOriginTally.Entry>> written = Collections.synchronizedList(new ArrayList<>());

    private final RefusedOriginRepository repository = new RefusedOriginRepository(null) {
        @Override
        void add(List<RefusedOriginTally.Entry> entries, int maxPerSite, Instant expiredBefore) {
            writing.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            written.add(entries);
        }
    };

    private final RefusedOrigins origins = new RefusedOrigins(repository, null, new RefusedOriginsConfig() {
        @Override
        public Duration flushInterval() {
            return Duration.ofSeconds(30);
        }

        @Override
        public int maxPerSite() {
            return 100;
        }

        @Override
        public Duration expireAfter() {
            return Duration.ofDays(30);
        }
    }, Clock.systemUTC());

    /** A read flushes first; were it to return while the scheduled flush still writes, the read would miss those counts. */
    @Test
    void aFlushWaitsForTheOneUnderWay() throws Exception {
        origins.record(UUID.randomUUID(), "https://forgotten.example.com", "192.0.2.0/24");
        CompletableFuture<Void> scheduled = CompletableFuture.runAsync(origins::flush);
        assertThat(writing.await(10, TimeUnit.SECONDS)).as("the scheduled flush is writing").isTrue();

        CompletableFuture<Integer> beforeARead = CompletableFuture.supplyAsync(() -> {
            origins.flush();
            return written.size();
        });
        Thread.sleep(300);
        assertThat(beforeARead).as("the read's flush waits for the write under way").isNotDone();

        release.countDown();
        assertThat(beforeARead.get(10, TimeUnit.SECONDS)).as("writes finished when the read's flush returned").isEqualTo(1);
        scheduled.get(10, TimeUnit.SECONDS);
        assertThat(written).singleElement().satisfies(entries -> assertThat(entries).extracting(RefusedOriginTally.Entry::origin)
                .containsExactly("https://forgotten.example.com"));
    }
}
