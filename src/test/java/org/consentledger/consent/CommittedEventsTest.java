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
        UUID unknown = UUID.randomUUID();

        assertThat(committed.take(List.of(event.eventId(), unknown))).containsOnlyKeys(event.eventId())
                .containsEntry(event.eventId(), event);
        assertThat(committed.take(List.of(event.eventId()))).isEmpty();
    }

    @Test
    void onAReplicaThatNeverSequencesTheOldestGoFirstPastTheBound() {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < CommittedEvents.CAPACITY + 10; i++) {
            NewEvent event = EventWriterTest.event();
            committed.add(event);
            ids.add(event.eventId());
        }

        assertThat(committed.take(ids.subList(0, 10))).isEmpty();
        assertThat(committed.take(ids.subList(10, ids.size()))).hasSize(CommittedEvents.CAPACITY);
    }
}
