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
 * that the ledger can check each one reached it in time. Held per second as two longs and a
 * shared site key each: a minute of full-speed ingestion is a few megabytes, not millions of objects.
 */
@Singleton
public class Acknowledgements {

    private static final class Second {
        final long epochSecond;
        long[] ids = new long[64];
        String[] siteKeys = new String[32];
        int size;

        Second(long epochSecond) {
            this.epochSecond = epochSecond;
        }

        void add(String siteKey, UUID eventId) {
            if (size + 1 > siteKeys.length) {
                ids = Arrays.copyOf(ids, ids.length * 2);
                siteKeys = Arrays.copyOf(siteKeys, siteKeys.length * 2);
            }
            siteKeys[size] = siteKey; // the site's own instance, shared by its events
            ids[2 * size] = eventId.getMostSignificantBits();
            ids[2 * size + 1] = eventId.getLeastSignificantBits();
            size++;
        }
    }

    private final Deque<Second> seconds = new ArrayDeque<>();

    synchronized void add(NewEvent event) {
        Instant receivedAt = event.receivedAt();
        long second = receivedAt.getEpochSecond();
        if (seconds.isEmpty() || seconds.peekLast().epochSecond < second) {
            seconds.addLast(new Second(second));
        }
        seconds.peekLast().add(event.siteKey(), event.eventId());
    }

    /** Removes and returns the ledger record keys of the events received before {@code instant} (to the second). */
    synchronized List<String> takeReceivedBefore(Instant instant) {
        List<String> taken = new ArrayList<>();
        while (!seconds.isEmpty() && seconds.peekFirst().epochSecond < instant.getEpochSecond()) {
            Second second = seconds.pollFirst();
            for (int i = 0; i < second.size; i++) {
                taken.add(EventKey.recordKey(second.siteKeys[i], new UUID(second.ids[2 * i], second.ids[2 * i + 1])));
            }
        }
        return taken;
    }
}
