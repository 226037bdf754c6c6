package org.consentledger.ledger;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Checks that every event this process acknowledged became a ledger leaf within the maximum
 * merge delay. An event deleted before it was sequenced, or kept out of the queue, is named.
 * The events are the records of the one source that acknowledges them ({@link AcknowledgedRecords}).
 */
@ApplicationScoped
public class MergeDelayCheck implements LedgerAlarm {

    static final String ALARM = "merge-delay";
    private static final int NAMED = 20;

    @Inject DataSource dataSource;
    @Inject AcknowledgedRecords acknowledged;
    private final LatchedAlarm alarm = new LatchedAlarm();
    @Inject LedgerConfig config;
    @Inject Clock clock;
    private final Set<String> missing = new LinkedHashSet<>();

    public synchronized void check() {
        List<String> due = acknowledged.takeAcknowledgedBefore(Instant.now(clock).minus(config.maxMergeDelay()));
        if (due.isEmpty()) {
            return;
        }
        Set<String> late = new HashSet<>(due);
        late.removeAll(sequenced(due));
        if (late.isEmpty()) {
            return;
        }
        missing.addAll(late);
        alarm.raise(missing.size() + " acknowledged events did not reach the ledger within "
                + config.maxMergeDelay() + ": " + missing.stream().limit(NAMED)
                        .collect(Collectors.joining(", ")) + (missing.size() > NAMED ? ", ..." : ""));
    }

    /**
     * Forgets what it found, as a restart does. Not reachable from outside the process: only the
     * tests that share one service use it, after a test that raised the alarm on purpose.
     */
    synchronized void forget() {
        missing.clear();
        alarm.clear();
    }

    @Override
    public String name() {
        return ALARM;
    }

    @Override
    public Optional<String> raised() {
        return alarm.reason();
    }

    /** Through {@link LedgerLeaves#ofAll}, whose plan follows the ledger as it grows. */
    private Set<String> sequenced(List<String> keys) {
        Set<String> found = new HashSet<>();
        try (Connection c = dataSource.getConnection()) {
            LedgerLeaves.ofAll(c, keys.stream().map(key -> new RecordRef(acknowledged.source(), key)).toList())
                    .keySet().forEach(ref -> found.add(ref.recordKey()));
        } catch (SQLException e) {
            throw new IllegalStateException("Could not check the merge delay", e);
        }
        return found;
    }
}
