-- The writer's own bookkeeping (issue 25, step 3). Two row triggers on consent_event claimed each
-- eventId in consent_event_key and queued each event for the ledger: a plpgsql call and a
-- one-row INSERT for every event, twice. The event writer (consent.EventInserts) now does both in
-- the statement that inserts the events, as data-modifying WITH queries over the whole batch: it
-- claims the eventIds first, taking each new event's row id from the table's sequence, then inserts
-- only the events whose claim is new and queues them in the order given.
--
-- What stays on consent_event is one trigger per INSERT statement, over the rows it inserted. For
-- the event writer it finds nothing to do: every row holds the claim on its eventId, naming its row
-- id, and a place in the ledger's queue from this transaction. Any other writer (a script, a bulk
-- load) is held to the same rules: its rows are claimed, where an eventId already taken fails the
-- whole statement, and queued. So an event still cannot be recorded twice or kept out of the
-- ledger. The ledger's path check (ledger.LedgerPath) holds this trigger and its function to what
-- this migration makes, as it held the two before.

drop trigger consent_event_claim_key on consent_event;
drop trigger consent_event_to_ledger on consent_event;
drop function claim_event_key();
drop function ledger_enqueue_event();

-- The writer names the sequence of row ids, so it gets a name that does not depend on V10's rename.
do $$
begin
    execute format('alter sequence %s rename to consent_event_id_seq', pg_get_serial_sequence('consent_event', 'id'));
    if exists (select 1 from pg_roles where rolname = 'consent_app') then
        grant usage on sequence consent_event_id_seq to consent_app;
    end if;
end $$;

-- PL/pgSQL plans these two statements once per connection and keeps the plan. A plan made while
-- ledger_queue was small read the whole queue for every batch once it had grown (24 ms a batch
-- under bench load, with autovacuum off so that nothing made it plan again): the function forbids
-- sequential scans, so both statements look up each row of the statement through an index.
create function ledger_enqueue_events_left_out() returns trigger language plpgsql set enable_seqscan = off as $$
begin
    insert into consent_event_key (event_id, retain_until, event_row_id)
        select n.event_id, n.retain_until, n.id from inserted_events n
        where not exists (select 1 from consent_event_key k where k.event_id = n.event_id and k.event_row_id = n.id)
        order by n.id;
    insert into ledger_queue (source, record_key)
        select 'consent_event', n.event_id::text from inserted_events n
        where not exists (select 1 from ledger_queue q where q.xid = pg_current_xact_id()
            and q.source = 'consent_event' and q.record_key = n.event_id::text)
        order by n.id;
    return null;
end $$;

create trigger consent_event_to_ledger after insert on consent_event
    referencing new table as inserted_events
    for each statement execute function ledger_enqueue_events_left_out();
