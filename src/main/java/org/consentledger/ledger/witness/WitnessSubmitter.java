package org.consentledger.ledger.witness;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.consentledger.ledger.LedgerCheckpoints;
import org.consentledger.ledger.LedgerConfig;
import org.consentledger.ledger.LedgerCosignatures;
import org.consentledger.ledger.LedgerNodes;
import org.consentledger.ledger.LedgerReads;
import org.consentledger.ledger.StoredCheckpoint;
import org.consentledger.verify.Cosignature;
import org.consentledger.verify.Merkle;
import org.consentledger.verify.ProofNodes;

import io.quarkus.logging.Log;

/**
 * Asks each configured witness to cosign the latest checkpoint, with a consistency proof from the
 * size that witness last cosigned, and keeps the cosignatures it returns. It runs on its own
 * thread ({@link WitnessSchedule}), so a slow witness never delays signing.
 */
@ApplicationScoped
class WitnessSubmitter {

    private final DataSource dataSource;
    private final WitnessClient client;
    private final WitnessAlarm alarm;
    private final Clock clock;
    private final List<WitnessEndpoint> witnesses;
    /** The size each witness last cosigned, as far as this replica knows. */
    private final Map<String, Long> cosignedSize = new ConcurrentHashMap<>();
    private final Set<String> unreachable = ConcurrentHashMap.newKeySet();
    /** The size of the checkpoint each witness last refused: it is not sent to that witness again. */
    private final Map<String, Long> refusedSize = new ConcurrentHashMap<>();

    @Inject
    WitnessSubmitter(DataSource dataSource, WitnessClient client, WitnessAlarm alarm, Clock clock, LedgerConfig config) {
        this(dataSource, client, alarm, clock, WitnessEndpoint.parse(config.witnesses().orElse(List.of()),
                config.witnessQuorum()));
    }

    WitnessSubmitter(DataSource dataSource, WitnessClient client, WitnessAlarm alarm, Clock clock,
            List<WitnessEndpoint> witnesses) {
        this.dataSource = dataSource;
        this.client = client;
        this.alarm = alarm;
        this.clock = clock;
        this.witnesses = witnesses;
    }

    boolean enabled() {
        return !witnesses.isEmpty();
    }

    /** One round: the latest checkpoint to every witness whose valid cosignature it does not carry yet. */
    void submitLatest() {
        LedgerReads.read(dataSource, c -> {
            Optional<StoredCheckpoint> latest = LedgerCheckpoints.latest(c);
            if (latest.isPresent()) {
                for (WitnessEndpoint witness : witnesses) {
                    if (!cosignedBy(latest.get(), witness)
                            && refusedSize.getOrDefault(witness.name(), -1L) != latest.get().treeSize()) {
                        submit(c, latest.get(), witness);
                    }
                }
            }
            return null;
        });
    }

    private void submit(Connection c, StoredCheckpoint checkpoint, WitnessEndpoint witness) throws SQLException {
        long old = cosignedSize.computeIfAbsent(witness.name(), name -> lastSize(c, name));
        for (int attempt = 0; attempt < 2; attempt++) {
            if (old > checkpoint.treeSize()) {
                if (LedgerCheckpoints.ofSize(c, old).isEmpty()) {
                    alarm.raise(witness.name(), "it cosigned the checkpoint of size " + old + ", which this ledger no "
                            + "longer has; its latest is of size " + checkpoint.treeSize());
                }
                return; // otherwise a newer checkpoint was cosigned meanwhile, by another replica
            }
            Merkle.PerfectSubtrees nodes = LedgerNodes.fetch(c, ProofNodes.consistency(old, checkpoint.treeSize()));
            WitnessClient.Answer answer;
            try {
                answer = client.addCheckpoint(witness, old, Merkle.consistencyProof(nodes, old, checkpoint.treeSize()),
                        checkpoint.note());
            } catch (IOException e) {
                if (unreachable.add(witness.name())) {
                    Log.warnf("Witness %s cannot be reached (%s); every round tries again", witness.name(), e.toString());
                }
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (unreachable.remove(witness.name())) {
                Log.infof("Witness %s can be reached again", witness.name());
            }
            Optional<Long> theirs = staleOldSize(answer, old);
            if (theirs.isPresent() && attempt == 0) {
                old = theirs.get();
                cosignedSize.put(witness.name(), old);
                continue;
            }
            accept(c, checkpoint, witness, answer);
            return;
        }
    }

    private void accept(Connection c, StoredCheckpoint checkpoint, WitnessEndpoint witness, WitnessClient.Answer answer)
            throws SQLException {
        if (answer.status() >= 500) {
            Log.warnf("Witness %s failed (HTTP %d); the next round tries again", witness.name(), answer.status());
            return;
        }
        if (answer.status() != 200) {
            String said = answer.body().trim();
            refusedSize.put(witness.name(), checkpoint.treeSize());
            alarm.raise(witness.name(), "refused the checkpoint of size " + checkpoint.treeSize() + " (HTTP "
                    + answer.status() + ": " + said.substring(0, Math.min(said.length(), 200)) + ")");
            return;
        }
        String noteText = Cosignature.noteText(checkpoint.note());
        for (String line : answer.body().split("\n")) {
            if (line.startsWith("\u2014 " + witness.name() + " ") && cosignedBy(noteText + "\n" + line + "\n", witness)) {
                LedgerCosignatures.insert(c, checkpoint.treeSize(), witness.name(), line, Instant.now(clock));
                cosignedSize.put(witness.name(), checkpoint.treeSize());
                return;
            }
        }
        alarm.raise(witness.name(), "answered 200 without a valid cosignature of the checkpoint of size "
                + checkpoint.treeSize());
    }

    /** The size a 409 says the witness last cosigned, when it differs from the old size sent: then a retry may succeed. */
    private static Optional<Long> staleOldSize(WitnessClient.Answer answer, long sent) {
        if (answer.status() != 409 || !answer.contentType().startsWith("text/x.tlog.size")) {
            return Optional.empty();
        }
        try {
            long theirs = Long.parseLong(answer.body().trim());
            return theirs == sent ? Optional.empty() : Optional.of(theirs);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static boolean cosignedBy(StoredCheckpoint checkpoint, WitnessEndpoint witness) {
        return cosignedBy(checkpoint.note(), witness);
    }

    /** A stored line that fails to verify (the checkpoint was replaced under it) counts as not cosigned. */
    private static boolean cosignedBy(String note, WitnessEndpoint witness) {
        try {
            return !Cosignature.cosigners(note, List.of(witness.key())).isEmpty();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static long lastSize(Connection c, String witness) {
        try {
            return LedgerCosignatures.lastSize(c, witness);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
