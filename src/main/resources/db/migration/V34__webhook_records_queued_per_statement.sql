-- Lighter writes per webhook delivery (issue 24, docs/performance.md "The change feed").
--
-- 1. Delivery records reach the ledger's queue one statement at a time. The change feed writes a
--    batch's records in one insert (webhook.DeliveryRecords), and V20's row trigger ran once per
--    record: PL/pgSQL entered, the whole row turned into jsonb to read its id, then a one-row
--    insert. Under bench/webhooks.sh that was 11.6 µs per record in the nested insert alone
--    (pg_stat_statements), and at rest 16 µs per record for the trigger.
--    ledger_enqueue_inserted() is V16's ledger_enqueue_record() for a statement trigger: one insert
--    of all the statement's rows, in the order of their keys, which for an identity column is the
--    order they were inserted in.
-- 2. The outbox's table fills its pages again. V23 left half of each page free so that a lease
--    could write its row version on the same page. Since V32 most rows are the change feed's, written
--    once as they ended and never updated, so half of every page stayed empty: twice the pages to
--    extend, write and evict per delivery. The outbox's own retries are leased as any other update.
create function ledger_enqueue_inserted() returns trigger language plpgsql as $$
declare
    queued bigint;
    inserted bigint;
begin
    if tg_nargs < 1 or tg_level <> 'STATEMENT' then
        raise exception 'ledger_enqueue_inserted on %: needs a record kind, and to run once per statement',
                tg_table_name
            using errcode = 'invalid_parameter_value';
    end if;
    execute format('insert into ledger_queue (source, record_key) select $1, n.%1$I::text from inserted_rows n '
                   || 'where n.%1$I is not null order by n.%1$I', coalesce(tg_argv[1], 'id'))
        using tg_argv[0];
    get diagnostics queued = row_count;
    select count(*) into inserted from inserted_rows;
    if queued <> inserted then
        raise exception 'ledger_enqueue_inserted on %: a row has no value in its key column', tg_table_name
            using errcode = 'invalid_parameter_value';
    end if;
    return null;
end $$;

drop trigger webhook_delivery_record_to_ledger on webhook_delivery_record;
create trigger webhook_delivery_record_to_ledger after insert on webhook_delivery_record
    referencing new table as inserted_rows
    for each statement execute function ledger_enqueue_inserted('webhook_delivery');

alter table webhook_delivery set (fillfactor = 100);
