package org.consentledger.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.consentledger.consent.Acknowledgements;

/**
 * Checks that every event this process acknowledged became a ledger leaf within the maximum
 * merge delay. An event deleted before it was sequenced, or kept out of the queue, is named.
 */
@ApplicationScoped
public class MergeDelayCheck {

    static final String ALARM = "merge-delay";
    private static final int NAMED = 20;

    private final DataSource dataSource;
    private final Acknowledgements acknowledgements;
    private final LedgerAlarms alarms;
    private final LedgerConfig config;
    private final Clock clock;
    private final Set<UUID> missing = new LinkedHashSet<>();

    MergeDelayCheck(DataSource dataSource, Acknowledgements acknowledgements, LedgerAlarms alarms, LedgerConfig config,
            Clock clock) {
        this.dataSource = dataSource;
        this.acknowledgements = acknowledgements;
        this.alarms = alarms;
        this.config = config;
        this.clock = clock;
    }

    public synchronized void check() {
        List<UUID> due = acknowledgements.takeReceivedBefore(Instant.now(clock).minus(config.maxMergeDelay()));
        if (due.isEmpty()) {
            return;
        }
        Set<UUID> late = new HashSet<>(due);
        late.removeAll(sequenced(due));
        if (late.isEmpty()) {
            return;
        }
        missing.addAll(late);
        alarms.raise(ALARM, missing.size() + " acknowledged events did not reach the ledger within "
                + config.maxMergeDelay() + ": " + missing.stream().limit(NAMED).map(UUID::toString)
                        .collect(Collectors.joining(", ")) + (missing.size() > NAMED ? ", ..." : ""));
    }

    private Set<UUID> sequenced(List<UUID> eventIds) {
        Set<UUID> found = new HashSet<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select record_key from ledger_leaf where source = 'consent_event' and record_key = any(?)")) {
            ps.setArray(1, c.createArrayOf("text", eventIds.stream().map(UUID::toString).toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(UUID.fromString(rs.getString(1)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not check the merge delay", e);
        }
        return found;
    }
}
