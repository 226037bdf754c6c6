package org.consentledger.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.consentledger.support.Api;
import org.consentledger.support.Ledger;
import org.consentledger.support.OwnLedger;
import org.consentledger.support.Rows;
import org.consentledger.support.ScriptedEvent;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * A queue row visible before its event, as Citus commits them (the coordinator's queue row, then
 * the worker's event): the sequencer waits for the event, a bounded time, instead of skipping it
 * for good as it did. On one server the two commit together, so the test writes the queue row
 * first by hand. The test profile's grace is 2 s. Its own ledger, since it holds the sequencer up.
 */
@Tag("database")
@QuarkusTest
@TestProfile(OwnLedger.class)
class UnseenRecordTest {

    @Inject
    DataSource dataSource;

    @Test
    void anEventQueuedBeforeItIsVisibleIsSequencedOnceItIsAndBeforeWhatCameAfter() throws Exception {
        String siteKey = Api.siteWithPolicies();
        UUID late = UUID.randomUUID();
        queue(siteKey, late);
        long queuedAt = System.nanoTime();
        UUID after = Api.postEvent(siteKey, "ACCEPT_ALL");

        // Twenty rounds of the sequencer, within the grace: counted from the queueing, since on a busy
        // CI machine the post alone has taken a second, and the late event then came after the grace.
        Thread.sleep(Math.max(0, 1000 - (System.nanoTime() - queuedAt) / 1_000_000));
        assertThat(leaves(after)).as("the event queued after it waits").isZero();

        ScriptedEvent.insert(dataSource, late, siteKey);
        Ledger.awaitInclusion(after);

        assertThat(leaves(late)).as("leaves of the late event").isEqualTo(1);
        assertThat(Rows.count(dataSource, "select count(*) from ledger_leaf a join ledger_leaf b "
                + "on a.seq < b.seq where a.record_key = ? and b.record_key = ?", Rows.eventRecordKey(siteKey, late),
                Rows.eventRecordKey(siteKey, after)))
                .as("the late event comes first, as queued").isEqualTo(1);
    }

    @Test
    void anEventThatNeverAppearsIsSkippedAfterTheGrace() throws Exception {
        String siteKey = Api.siteWithPolicies();
        UUID never = UUID.randomUUID();
        queue(siteKey, never);
        UUID after = Api.postEvent(siteKey, "ACCEPT_ALL");

        Thread.sleep(500);
        assertThat(leaves(after)).as("the event queued after it waits").isZero();

        Ledger.awaitInclusion(after);
        assertThat(leaves(never)).isZero();
    }

    @Test
    void aQueuedEventWithAClaimButNoRowIsGoneAndHoldsNothingUp() {
        String siteKey = Api.siteWithPolicies();
        UUID purged = UUID.randomUUID();
        // Claimed, then its row purged: what retention leaves behind.
        Rows.execute(dataSource, "insert into consent_event_key (site_id, event_id, retain_until) "
                + "select id, ?, '2020-01-01' from site where site_key = ?", purged, siteKey);
        queue(siteKey, purged);
        long start = System.nanoTime();

        Ledger.awaitInclusion(Api.postEvent(siteKey, "ACCEPT_ALL"));

        assertThat((System.nanoTime() - start) / 1_000_000).as("ms until the next event's inclusion").isLessThan(2000);
        assertThat(leaves(purged)).isZero();
    }

    private void queue(String siteKey, UUID eventId) {
        Rows.execute(dataSource, "insert into ledger_queue (source, record_key) values ('consent_event', ?)",
                Rows.eventRecordKey(siteKey, eventId));
    }

    private long leaves(UUID eventId) {
        return Rows.leavesOfEvent(dataSource, eventId);
    }
}
