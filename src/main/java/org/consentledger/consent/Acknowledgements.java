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
 * The eventIds this process acknowledged as newly recorded, by the second they were received, so
 * that the ledger can check each one reached it in time. Held as pairs of longs per second: a
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

        void add(UUID id) {
            if (size + 2 > ids.length) {
                ids = Arrays.copyOf(ids, ids.length * 2);
            }
            ids[size++] = id.getMostSignificantBits();
            ids[size++] = id.getLeastSignificantBits();
        }
    }

    private final Deque<Second> seconds = new ArrayDeque<>();

    synchronized void add(UUID eventId, Instant receivedAt) {
        long second = receivedAt.getEpochSecond();
        if (seconds.isEmpty() || seconds.peekLast().epochSecond < second) {
            seconds.addLast(new Second(second));
        }
        seconds.peekLast().add(eventId);
    }

    /** Removes and returns the eventIds received before {@code instant} (to the second). */
    synchronized List<UUID> takeReceivedBefore(Instant instant) {
        List<UUID> taken = new ArrayList<>();
        while (!seconds.isEmpty() && seconds.peekFirst().epochSecond < instant.getEpochSecond()) {
            Second second = seconds.pollFirst();
            for (int i = 0; i < second.size; i += 2) {
                taken.add(new UUID(second.ids[i], second.ids[i + 1]));
            }
        }
        return taken;
    }
}
