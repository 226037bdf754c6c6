-- Keys a distributed PostgreSQL can shard by site (issue 25, step 6). Under Citus, consent_event
-- and its claims are distributed by site_id, and a distributed table's unique keys must hold the
-- distribution column. So an eventId is now unique within its site, not across every site: two
-- sites may each record an event under the same eventId, and a stranger posting one site's eventId
-- to another learns nothing about the first (before, the second got a 409).
--
-- 1. consent_event_key is keyed by (eventId, site), and is where idempotency is decided.
-- 2. Claims made before this migration are also kept, by eventId alone, in legacy_event_key, with
--    their site where their event still exists. Two things need it. The ledger's leaves of those
--    events name them by eventId alone, and the leaves cannot be rewritten. And an event purged
--    before this migration left a claim whose site nobody knows any more: its eventId stays taken
--    on every site, as it was. legacy_event_key never grows; under Citus it is a reference table.
-- 3. consent_event's primary key leads with the site: (site_id, id, retain_until). It makes the
--    index on (site_id, id) redundant, which goes: one index entry fewer per event.
-- 4. The check that retain_until is the first of a month moves from consent_event to its claim,
--    made in the same statement: on the partitioned table it stopped Citus from making site a
--    reference table (docs/scaling.md).
-- 5. Events are queued for the ledger under "<siteKey>/<eventId>" (a site key holds no slash and
--    never changes). Leaves made before keep their bare eventId; readers look that form up only
--    for an event claimed before V30 on its own site (consent.EventKey, EventStore.bareKeyed).
-- 6. ensure_event_partitions creates a month's partition one shard at a time under Citus: in
--    parallel, creating it deadlocked across the nodes in 3 of 5 tries (docs/scaling.md). On plain
--    PostgreSQL the setting is an unused placeholder.

create table legacy_event_key (
    event_id uuid primary key,
    site_id uuid,
    retain_until date not null
);
insert into legacy_event_key (event_id, site_id, retain_until)
    select k.event_id, e.site_id, k.retain_until from consent_event_key k
    left join consent_event e on e.id = k.event_row_id and e.retain_until = k.retain_until;
select make_append_only('legacy_event_key');

create table consent_event_site_key (
    site_id uuid not null,
    event_id uuid not null,
    retain_until date not null check (extract(day from retain_until) = 1),
    event_row_id bigint,
    -- Both columns, as Citus asks, led by the eventId: an auditor who has only an eventId finds
    -- its sites through this same index (under Citus, on every shard).
    primary key (event_id, site_id)
);
insert into consent_event_site_key (site_id, event_id, retain_until, event_row_id)
    select l.site_id, l.event_id, l.retain_until, k.event_row_id from legacy_event_key l
    join consent_event_key k using (event_id) where l.site_id is not null;
drop table consent_event_key;
alter table consent_event_site_key rename to consent_event_key;
alter index consent_event_site_key_pkey rename to consent_event_key_pkey;
alter table consent_event_key rename constraint consent_event_site_key_retain_until_check to consent_event_key_retain_until_check;
select make_append_only('consent_event_key');

alter table consent_event drop constraint consent_event_pkey;
alter table consent_event add constraint consent_event_pkey primary key (site_id, id, retain_until);
drop index consent_event_site_idx;
alter table consent_event drop constraint consent_event_partitioned_retain_until_check;

-- Another writer's rows (a script, a bulk load) are claimed and queued as the event writer's are:
-- an eventId taken on the row's site, or by a purged event of unknown site, fails the statement.
create or replace function ledger_enqueue_events_left_out() returns trigger language plpgsql set enable_seqscan = off as $$
begin
    if exists (select 1 from inserted_events n join legacy_event_key l on l.event_id = n.event_id
               where l.site_id is null) then
        raise exception 'an eventId of an event purged before V30 is taken on every site' using errcode = 'unique_violation';
    end if;
    insert into consent_event_key (site_id, event_id, retain_until, event_row_id)
        select n.site_id, n.event_id, n.retain_until, n.id from inserted_events n
        where not exists (select 1 from consent_event_key k
                          where k.site_id = n.site_id and k.event_id = n.event_id and k.event_row_id = n.id)
        order by n.id;
    insert into ledger_queue (source, record_key)
        select 'consent_event', s.site_key || '/' || n.event_id from inserted_events n join site s on s.id = n.site_id
        where not exists (select 1 from ledger_queue q where q.xid = pg_current_xact_id()
            and q.source = 'consent_event' and q.record_key = s.site_key || '/' || n.event_id)
        order by n.id;
    return null;
end $$;

create or replace function ensure_event_partitions(first_month date, last_month date) returns integer
language plpgsql security definer set search_path from current as $$
declare
    month date := date_trunc('month', first_month)::date;
    made integer := 0;
    partition text;
begin
    if last_month < first_month or last_month > first_month + interval '100 years' then
        raise exception 'ensure_event_partitions: % to % is not a range of at most 100 years', first_month, last_month
            using errcode = 'invalid_parameter_value';
    end if;
    perform pg_advisory_xact_lock(hashtext('consent_event partitions'));
    perform set_config('lock_timeout', '5s', true);
    perform set_config('citus.multi_shard_modify_mode', 'sequential', true);
    while month <= last_month loop
        partition := 'consent_event_' || to_char(month, 'YYYY_MM');
        -- A month with rows in the default partition cannot get its own; they stay where they are.
        if to_regclass(partition) is null and not exists (
                select 1 from consent_event_unscheduled
                where retain_until >= month and retain_until < month + interval '1 month') then
            execute format('create table %I partition of consent_event for values from (%L) to (%L)',
                           partition, month, (month + interval '1 month')::date);
            execute format('create trigger %I before truncate on %I for each statement execute function refuse_rewrite()',
                           partition || '_no_truncate', partition);
            made := made + 1;
        end if;
        month := (month + interval '1 month')::date;
    end loop;
    return made;
end $$;
