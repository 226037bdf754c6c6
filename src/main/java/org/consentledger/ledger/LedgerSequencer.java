package org.consentledger.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.consentledger.verify.Leaves;
import org.consentledger.verify.ProofNodes;

import io.quarkus.logging.Log;

/**
 * Turns queued records into ledger leaves with gap-free sequence numbers, in batches. The queue
 * is append-only: each batch takes the rows past a high-water mark (see LedgerStore.queuedAfter)
 * and moves the mark in the same transaction as the leaves, so no row is deleted on this path and
 * none waits for vacuum. Only the replica holding the {@link SequencerLease} runs it; the mark row
 * is locked for the batch all the same, so two sequencers could never append the same leaves.
 * Ingestion never waits for it: records are queued in their own transaction and sequenced
 * afterwards. A queued record whose row it cannot see yet, but may (see
 * {@link RecordSource#mayStillAppear}), holds the mark before it for a bounded grace. Plain JDBC
 * on one connection, because the mark, the queue and the appended leaves must share that one
 * transaction.
 */
@ApplicationScoped
public class LedgerSequencer {

    /** Advisory lock key each batch tries for its transaction; whoever holds it pauses sequencing. */
    public static final long LOCK_KEY = 0x436f6e73656e74L;

    private final DataSource dataSource;
    private final LedgerRecords records;
    private final int batchSize;
    private final Duration unseenGrace;
    private final Clock clock;
    private Frontier frontier;

    /** The queued record the sequencer is waiting to see, and since when (null: none). */
    private RecordRef waitingFor;
    private Instant waitingSince;

    LedgerSequencer(DataSource dataSource, LedgerRecords records, LedgerConfig config, Clock clock) {
        this.dataSource = dataSource;
        this.records = records;
        this.batchSize = config.batchSize();
        this.unseenGrace = config.unseenRecordGrace();
        this.clock = clock;
    }

    /** What one batch did: queued rows taken past the mark, and of them the ones that became leaves. */
    private record Batch(int taken, int appended) {
    }

    /** Appends one batch of queued records; returns how many became leaves (0 while the lock is held elsewhere). */
    public int sequenceBatch() {
        return batch().appended();
    }

    private synchronized Batch batch() {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                Batch batch = appendBatch(c);
                c.commit();
                return batch;
            } catch (SQLException | RuntimeException e) {
                frontier = null; // the cached right edge may be ahead of what was committed
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Ledger sequencing failed", e);
        }
    }

    /** Sequences until the queue is empty. */
    public int drain() {
        int total = 0;
        Batch batch;
        do {
            batch = batch();
            total += batch.appended();
        } while (batch.taken() == batchSize);
        return total;
    }

    /** Removes queued rows the mark has passed, in one bulk delete off the batch path; returns how many. */
    public int pruneQueue() {
        try (Connection c = dataSource.getConnection()) {
            return LedgerStore.pruneTaken(c);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not prune the ledger queue", e);
        }
    }

    private Batch appendBatch(Connection c) throws SQLException {
        if (!tryLock(c)) {
            return new Batch(0, 0);
        }
        LedgerStore.Mark mark = LedgerStore.lockMark(c);
        List<LedgerStore.Queued> queued = LedgerStore.queuedAfter(c, mark, batchSize);
        if (queued.isEmpty()) {
            return new Batch(0, 0);
        }
        long size = LedgerLeaves.size(c);
        if (frontier == null || frontier.size() != size) {
            frontier = Frontier.load(LedgerNodes.fetch(c, ProofNodes.root(size)), size);
        }
        List<RecordRef> refs = queued.stream().map(LedgerStore.Queued::ref).toList();
        Set<RecordRef> done = LedgerLeaves.ofAll(c, refs).keySet();
        Map<RecordRef, Map<String, Object>> found = records.loadToSequence(c, refs);
        Set<RecordRef> mayAppear = records.mayStillAppear(c, refs.stream()
                .filter(ref -> !done.contains(ref) && !found.containsKey(ref)).distinct().toList());
        Instant now = Instant.now(clock);
        int appended = 0;
        int taken = 0;
        LedgerStore.Appends appends = new LedgerStore.Appends();
        Set<RecordRef> seen = new HashSet<>();
        for (LedgerStore.Queued q : queued) {
            RecordRef ref = q.ref();
            Map<String, Object> record = found.get(ref);
            if (done.contains(ref) || !seen.add(ref)) {
                taken++;
                continue;
            }
            if (record == null) {
                if (mayAppear.contains(ref) && stillWaiting(ref, now)) {
                    break; // the mark stays before it, and the next batch starts there
                }
                Log.errorf("Queued ledger record %s has no row; skipped", ref.id());
                taken++;
                continue;
            }
            taken++;
            if (ref.equals(waitingFor)) {
                waitingFor = null; // it appeared
            }
            long seq = frontier.size();
            byte[] leafHash = Leaves.hash(seq, q.source(), record);
            appends.leaf(seq, q.source(), q.recordKey(), leafHash);
            frontier.append(leafHash, appends::node);
            appended++;
        }
        if (taken == 0) {
            return new Batch(0, 0);
        }
        appends.insert(c, now);
        LedgerStore.Queued last = queued.get(taken - 1);
        LedgerStore.moveMark(c, new LedgerStore.Mark(last.xid(), last.id()));
        return new Batch(taken, appended);
    }

    /**
     * Whether to keep waiting for a record that may still appear: for at most the grace, counted
     * from the first batch that missed it. A record that never appears is then skipped as gone.
     */
    private boolean stillWaiting(RecordRef ref, Instant now) {
        if (!ref.equals(waitingFor)) {
            waitingFor = ref;
            waitingSince = now;
        }
        if (Duration.between(waitingSince, now).compareTo(unseenGrace) < 0) {
            return true;
        }
        Log.errorf("Queued ledger record %s was not seen within %s", ref.id(), unseenGrace);
        waitingFor = null;
        return false;
    }

    private static boolean tryLock(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select pg_try_advisory_xact_lock(?)")) {
            ps.setLong(1, LOCK_KEY);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }
}
