package org.consentledger.consent;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.consentledger.consent.EventColumns.Column;

/**
 * The two ways {@link EventStore} inserts a group commit, both written from {@link EventColumns}:
 * the whole batch in one statement, and, when the database refuses a row of it, every row in a
 * subtransaction of its own, still in one statement. Each claims the eventIds and queues the events
 * for the ledger itself (issue 25, step 3: two row triggers did it, each a statement per row), and
 * brings the visitors' standing decisions up to date ({@link DecisionStore#upsertFrom}) in the same
 * statement: a data-modifying WITH costs no more than a statement trigger with a transition table
 * and less than a row trigger (measured on batches of 250: +3 to 4 ms each, against +5 to 6 ms per
 * row trigger). With a {@link ConsentChangeOutbox}, the same statement also hands it the decisions
 * that changed.
 */
final class EventInserts {

    /**
     * One statement for the whole batch: each column arrives as one array, the rows are inserted
     * in the order given, and RETURNING tells which rows are new. An eventId already taken, or
     * repeated in the batch, is skipped by its claim in consent_event_key (ON CONFLICT DO NOTHING
     * there: a partitioned table cannot hold a unique constraint on the eventId alone). An eventId
     * is unique within its site (V30); one purged before V30, whose site is unknown, stays taken on all.
     */
    private final String insertAll;

    /**
     * The fallback when the batch statement fails: the database function insert_each (migration V3)
     * runs {@link #insertOne} for each row in a subtransaction of its own, all in this one
     * statement, and reports per row the eventId inserted or the SQLSTATE that refused it.
     */
    private static final String INSERT_EACH = "select item, inserted_key, refused_with from insert_each(?, ?, ?)";

    /** One row of a batch: $1 is its position (from 1), $2 every cell column after column, $3 the row count. */
    private final String insertOne;

    /** What the row-by-row insert returns of a row it inserted: its site id and eventId, space-separated. */
    private static final String INSERTED_KEY = "site_id::text || ' ' || event_id::text";

    /** consent_event's row ids (V27 names the sequence): the claim takes the id before the row is written. */
    private static final String ROW_IDS = "consent_event_id_seq";

    /** The decisions' changes go to {@code outbox}, when there is one (null: nowhere). */
    EventInserts(ConsentChangeOutbox outbox) {
        this.insertAll = insertAll(outbox);
        this.insertOne = insertOne(outbox);
    }

    /**
     * Inserts the batch in one statement; the keys it inserted (the others were there already).
     * {@code texts} are the dictionary ids of its user agents and page URLs; null writes them inline.
     */
    Set<EventKey> batch(Connection c, List<NewEvent> events, EventTexts.Ids texts) throws SQLException {
        Set<EventKey> inserted = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement(insertAll)) {
            int parameter = 1;
            for (Column<?> column : EventColumns.WRITTEN) {
                Object[] values = new Object[events.size()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = column.bind().bind(events.get(i), texts);
                }
                ps.setArray(parameter++, c.createArrayOf(arrayElementType(column), values));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    inserted.add(new EventKey(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class)));
                }
            }
        }
        return inserted;
    }

    /**
     * Inserts each row on its own, in one statement; the keys it inserted, and in
     * {@code refusals} the SQLSTATE of each row the database refused.
     */
    Set<EventKey> rowByRow(Connection c, List<NewEvent> events, EventTexts.Ids texts, String[] refusals) throws SQLException {
        List<Column<?>> columns = EventColumns.WRITTEN;
        String[] cells = new String[columns.size() * events.size()];
        for (int k = 0; k < columns.size(); k++) {
            for (int i = 0; i < events.size(); i++) {
                Object value = columns.get(k).bind().bind(events.get(i), texts);
                cells[k * events.size() + i] = value == null ? null : value.toString();
            }
        }
        Set<EventKey> inserted = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement(INSERT_EACH)) {
            ps.setString(1, insertOne);
            ps.setArray(2, c.createArrayOf("text", cells));
            ps.setInt(3, events.size());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String refusedWith = rs.getString("refused_with");
                    if (refusedWith != null) {
                        refusals[rs.getInt("item") - 1] = refusedWith;
                    } else if (rs.getString("inserted_key") != null) {
                        String[] key = rs.getString("inserted_key").split(" ");
                        inserted.add(new EventKey(UUID.fromString(key[0]), UUID.fromString(key[1])));
                    }
                }
            }
        }
        return inserted;
    }

    private static String insertAll(ConsentChangeOutbox outbox) {
        List<Column<?>> columns = EventColumns.WRITTEN;
        String names = columns.stream().map(Column::name).collect(Collectors.joining(", "));
        String values = columns.stream()
                .map(c -> c.isArray() ? "u." + c.name() + "::" + c.type() + " as " + c.name() : "u." + c.name())
                .collect(Collectors.joining(", "));
        String parameters = columns.stream()
                .map(c -> "?::" + (c.isArray() ? "text" : c.type()) + "[]")
                .collect(Collectors.joining(", "));
        String batch = "select distinct on (u.site_id, u.event_id) " + values + ", u.position from unnest(" + parameters
                + ") with ordinality as u(" + names + ", position) order by u.site_id, u.event_id, u.position";
        return withBookkeeping(batch, "site_id, event_id", outbox);
    }

    private static String insertOne(ConsentChangeOutbox outbox) {
        List<Column<?>> columns = EventColumns.WRITTEN;
        StringBuilder values = new StringBuilder();
        for (int k = 0; k < columns.size(); k++) {
            values.append(k == 0 ? "" : ", ").append("$2[").append(k).append(" * $3 + $1]::")
                    .append(columns.get(k).type()).append(" as ").append(columns.get(k).name());
        }
        return withBookkeeping("select " + values + ", $1::bigint as position", INSERTED_KEY, outbox);
    }

    /**
     * The whole write of {@code batch} (its rows, each eventId once, with their position): the
     * eventIds claimed in consent_event_key, each with the row id its event gets; the events whose
     * claim was new; their places in the ledger's queue, in the order given; the visitors'
     * decisions; and with an outbox, the decisions as they stood before and what changed. The
     * statement trigger on consent_event (V27) then finds nothing left out. Returns {@code result}
     * of each inserted row.
     */
    private static String withBookkeeping(String batch, String result, ConsentChangeOutbox outbox) {
        // "before" is MATERIALIZED: on one PostgreSQL server every WITH query reads the same snapshot
        // anyway, but Citus ran it as a subplan after the upsert it must precede, and found no change.
        String names = EventColumns.WRITTEN.stream().map(Column::name).collect(Collectors.joining(", "));
        String bookkeeping = "with batch as (" + batch + "), "
                + "claimed as (insert into consent_event_key (site_id, event_id, retain_until, event_row_id) "
                // An anti-join, not NOT EXISTS: Citus refuses a correlated subquery over a CTE.
                + "select b.site_id, b.event_id, b.retain_until, nextval('" + ROW_IDS + "') from batch b "
                + "left join legacy_event_key l on l.event_id = b.event_id and l.site_id is null where l.event_id is null "
                + "order by b.position on conflict (site_id, event_id) do nothing returning site_id, event_id, event_row_id), "
                + "inserted as (insert into consent_event (id, " + names + ") overriding system value select c.event_row_id, "
                + EventColumns.WRITTEN.stream().map(c -> EventColumns.insertedValue(c, "b")).collect(Collectors.joining(", "))
                + " from claimed c join batch b using (site_id, event_id) order by c.event_row_id returning "
                + DecisionStore.EVENT_COLUMNS + "), "
                // The decisions take each event's outcome from the batch: the row may name it in the dictionary instead.
                + "written as (select " + DecisionStore.eventColumns("i", "b.outcome")
                + " from inserted i join batch b using (site_id, event_id)), "
                // Keyed as EventKey.recordKey: "<siteKey>/<eventId>".
                + "queued as (insert into ledger_queue (source, record_key) select 'consent_event', "
                + "s.site_key || '/' || c.event_id from claimed c join site s on s.id = c.site_id "
                + "order by c.event_row_id), ";
        String decisions = outbox == null
                ? "decided as (" + DecisionStore.upsertFrom("written") + ")"
                : "before as materialized (" + DecisionStore.beforeOf("written") + "), decided as ("
                        + DecisionStore.upsertFrom("written") + " returning " + DecisionStore.DECIDED_COLUMNS
                        + "), changes as (" + DecisionStore.changes("decided", "before", "written") + "), told as ("
                        + outbox.insertFrom("changes") + ")";
        return bookkeeping + decisions + " select " + result + " from inserted";
    }

    /** Arrays of UUIDs and booleans travel as such; everything else as text, cast by the statement. */
    private static String arrayElementType(Column<?> column) {
        return switch (column.type()) {
            case "uuid" -> "uuid";
            case "boolean" -> "bool";
            case "integer" -> "int4";
            default -> "text";
        };
    }
}
