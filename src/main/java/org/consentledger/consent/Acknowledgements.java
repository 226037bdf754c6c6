package org.consentledger.consent;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Singleton;

/**
 * The events this process acknowledged as newly recorded, by the second they were received, so
 * that the ledger can check each one reached it in time. Held as four longs each per second: a
 * minute of full-speed ingestion is a few megabytes, not millions of objects.
 */
@Singleton
public class Acknowledgements {

    private static final class Second {
        final long epochSecond;
        long[] ids = new long[64];
        int size;

        Second(long epochSecond) {
            this.epochSecond = epochSecond;
        }

        void add(EventKey key) {
            if (size + 4 > ids.length) {
                ids = Arrays.copyOf(ids, ids.length * 2);
            }
            ids[size++] = key.siteId().getMostSignificantBits();
            ids[size++] = key.siteId().getLeastSignificantBits();
            ids[size++] = key.eventId().getMostSignificantBits();
            ids[size++] = key.eventId().getLeastSignificantBits();
        }
    }

    private final Deque<Second> seconds = new ArrayDeque<>();

    synchronized void add(EventKey key, Instant receivedAt) {
        long second = receivedAt.getEpochSecond();
        if (seconds.isEmpty() || seconds.peekLast().epochSecond < second) {
            seconds.addLast(new Second(second));
        }
        seconds.peekLast().add(key);
    }

    /** Removes and returns the keys of the events received before {@code instant} (to the second). */
    synchronized List<EventKey> takeReceivedBefore(Instant instant) {
        List<EventKey> taken = new ArrayList<>();
        while (!seconds.isEmpty() && seconds.peekFirst().epochSecond < instant.getEpochSecond()) {
            Second second = seconds.pollFirst();
            for (int i = 0; i < second.size; i += 4) {
                taken.add(new EventKey(new UUID(second.ids[i], second.ids[i + 1]),
                        new UUID(second.ids[i + 2], second.ids[i + 3])));
            }
        }
        return taken;
    }
}
