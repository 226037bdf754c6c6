-- The sequencer reads the queue past a high-water mark instead of deleting what it took, so its
-- hot path leaves no dead rows behind and does not wait for (auto)vacuum.
--
-- Identity ids are handed out before commit, so "id > the last id taken" would skip a row whose
-- transaction took its id early and committed late. Each row therefore records the transaction
-- that inserted it. The sequencer takes only rows of transactions older than its snapshot's xmin
-- (all of them have ended, so every such row that will ever be visible is visible now), in
-- (xid, id) order, past the mark, and moves the mark in the same transaction as the leaves it
-- appends. The triggers' "insert into ledger_queue (source, record_key)" is unchanged: xid has a
-- default. Rows already queued take this migration's transaction id and keep their id order.
alter table ledger_queue add column xid xid8 not null default pg_current_xact_id();

create index ledger_queue_feed on ledger_queue (xid, id);

-- The position of the last queued row taken, in (xid, id) order. One row, updated in place.
create table ledger_sequencer_mark (
    only_row  boolean  primary key default true check (only_row),
    xid       xid8     not null,
    id        bigint   not null
);
insert into ledger_sequencer_mark (xid, id) values ('0', 0);

-- A small, hot row: room on its page for HOT updates, which pruning reclaims without vacuum.
alter table ledger_sequencer_mark set (fillfactor = 10);

do $$
begin
    if exists (select 1 from pg_roles where rolname = 'consent_app') then
        grant select, update on ledger_sequencer_mark to consent_app;
    end if;
end $$;
