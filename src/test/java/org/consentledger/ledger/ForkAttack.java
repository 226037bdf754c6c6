package org.consentledger.ledger;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import javax.sql.DataSource;

/**
 * The fork an operator with PostgreSQL superuser rights, but not the signing key, can build, as the
 * issue reports it: rewrite one event, drop the leaves, nodes, checkpoints and their cosignatures
 * after it, and let the sequencer rebuild the tree.
 */
public final class ForkAttack {

    private ForkAttack() {
    }

    /**
     * The UPDATE that turns an event into an acceptance of every category it names: its type, and
     * its outcome written inline with every category granted, wherever the outcome was kept (V28).
     */
    public static String acceptingAll(UUID eventId) {
        String outcome = "coalesce((select t.value::jsonb from event_text t where t.id = consent_event.outcome_id), "
                + "consent_event.outcome)";
        return "update consent_event set type = 'ACCEPT_ALL', outcome_id = null, outcome = jsonb_set(" + outcome
                + ", '{categories}', (select jsonb_object_agg(key, 'GRANTED') from jsonb_object_keys(" + outcome
                + " -> 'categories') key)) where event_id = '" + eventId + "'";
    }

    /** Turns the rejection into an acceptance and re-queues every leaf from {@code seq}, in one transaction. */
    public static void rewriteFrom(DataSource superuser, long seq, UUID rejected) throws SQLException {
        try (Connection c = superuser.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("select pg_advisory_xact_lock(" + LedgerSequencer.LOCK_KEY + ")");
            s.execute("set local session_replication_role = replica"); // triggers off: append-only no more
            s.execute(acceptingAll(rejected));
            s.execute("insert into ledger_queue (source, record_key) select source, record_key from ledger_leaf "
                    + "where seq >= " + seq + " order by seq");
            s.execute("delete from ledger_node where (index + 1) * (1::bigint << level) > " + seq);
            s.execute("delete from ledger_leaf where seq >= " + seq);
            s.execute("delete from ledger_cosignature where tree_size > " + seq);
            s.execute("delete from ledger_checkpoint where tree_size > " + seq);
            c.commit();
        }
    }
}
