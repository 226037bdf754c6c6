package org.consentledger.consent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/** What the writer hands to the sequencer: taken once, and bounded when nobody takes it. */
class CommittedEventsTest {

    private final CommittedEvents committed = new CommittedEvents();

    @Test
    void anEventIsTakenOnceAndAnUnknownIdIsNotTakenAtAll() {
        NewEvent event = EventWriterTest.event();
        committed.add(event);
        String key = EventKey.recordKey(event);
        String unknown = EventKey.recordKey(event.siteKey(), UUID.randomUUID());

        assertThat(committed.take(List.of(key, unknown))).containsOnlyKeys(key).containsEntry(key, event);
        assertThat(committed.take(List.of(key))).isEmpty();
        assertThat(committed.take(List.of(event.eventId().toString()))).as("a key before V30 is never held").isEmpty();
    }

    @Test
    void onAReplicaThatNeverSequencesTheOldestGoFirstPastTheBound() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < CommittedEvents.CAPACITY + 10; i++) {
            NewEvent event = EventWriterTest.event();
            committed.add(event);
            ids.add(EventKey.recordKey(event));
        }

        assertThat(committed.take(ids.subList(0, 10))).isEmpty();
        assertThat(committed.take(ids.subList(10, ids.size()))).hasSize(CommittedEvents.CAPACITY);
    }
}
