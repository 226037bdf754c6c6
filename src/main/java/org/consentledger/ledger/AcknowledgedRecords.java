package org.consentledger.ledger;

import java.time.Instant;
import java.util.List;

/**
 * A source whose records were acknowledged before they became leaves, with the promise that they
 * would within the maximum merge delay (consent events: the visitor's receipt says so). The ledger
 * checks that promise ({@link MergeDelayCheck}).
 */
public interface AcknowledgedRecords extends RecordSource {

    /** Removes and returns the keys of the records this process acknowledged before {@code instant} (to the second). */
    List<String> takeAcknowledgedBefore(Instant instant);
}
