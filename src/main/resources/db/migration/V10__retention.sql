-- Retention. Every event is kept until a date fixed when it is received: the first day of the
-- month after its receipt month plus the site's retention period (by default 13 months plus the
-- longest consent lifetime of the regime that decided it). consent_event is partitioned by that
-- date, one partition a month, so retention drops whole partitions and never deletes a row, and
-- each site's period is honoured to the month whatever the other sites keep.
--
-- A unique constraint on a partitioned table must include the partition key, so "one event per
-- eventId" moves to consent_event_key, which keeps every eventId ever recorded (also after its
-- event is purged: a retry then finds it taken, and an export can tell a purged event from a
-- missing one). The insert trigger claims the key; a taken key skips the row, as ON CONFLICT DO
-- NOTHING did.

alter table site add column retention_months integer check (retention_months between 1 and 1200);

create table consent_event_key (
    event_id      uuid  primary key,
    retain_until  date  not null
);

create table consent_event_partitioned (
    id                    bigint generated always as identity,
    event_id              uuid          not null,
    site_id               uuid          not null references site (id),
    visitor_id            uuid          not null,
    type                  varchar(32)   not null,
    document_version_ids  uuid[]        not null,
    categories            text[],
    basis                 varchar(16)   not null,
    outcome               jsonb         not null,
    country               char(2),
    eea                   boolean       not null,
    jurisdiction_source   varchar(16)   not null,
    page_url              varchar(2048),
    language              varchar(35),
    user_agent            varchar(512),
    ip_prefix             varchar(64),
    gpc                   boolean       not null,
    client_time           timestamptz,
    received_at           timestamptz   not null,
    request_hash          char(64)      not null,
    region                varchar(6),
    regime                varchar(32),
    rules_version         integer,
    notice_id             char(64),
    retain_until          date          not null check (extract(day from retain_until) = 1)
) partition by range (retain_until);

-- Rows that find no monthly partition land here rather than being refused. The retention job
-- makes partitions far enough ahead that this stays empty; purges never drop it.
create table consent_event_unscheduled partition of consent_event_partitioned default;

-- Makes the monthly partitions of first_month to last_month that are missing. Runs as the
-- owner, since the service's role may not create tables; one caller at a time.
create function ensure_event_partitions(first_month date, last_month date) returns integer
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

-- The events kept until a date, moved out of the ledger's way: checks the date has come (by the
-- database's clock), detaches and drops their partition, and writes the purge to the admin log,
-- and so to the ledger, in the same transaction. The caller states what it read from the
-- partition (count, eventId digest, counts by site); the function checks the count.
create function purge_event_partition(kept_until date, stated_events bigint, record jsonb, purged_by text)
returns bigint
language plpgsql security definer set search_path from current as $$
declare
    partition text := 'consent_event_' || to_char(kept_until, 'YYYY_MM');
    events bigint;
    log_id bigint;
begin
    if kept_until > current_date or extract(day from kept_until) <> 1 then
        raise exception 'purge_event_partition: events kept until % may not be purged on %', kept_until, current_date
            using errcode = 'invalid_parameter_value';
    end if;
    perform pg_advisory_xact_lock(hashtext('consent_event partitions'));
    perform set_config('lock_timeout', '5s', true);
    if to_regclass(partition) is null then
        return null;
    end if;
    execute format('select count(*) from %I', partition) into events;
    if events <> stated_events then
        raise exception 'purge_event_partition: % holds % events, not %', partition, events, stated_events
            using errcode = 'invalid_parameter_value';
    end if;
    execute format('alter table consent_event detach partition %I', partition);
    execute format('drop table %I', partition);
    if events = 0 then
        return null;
    end if;
    insert into admin_log (at, actor, action, target_type, target, before, after)
        values (now(), purged_by, 'PURGE_EVENTS', 'consent_event', kept_until::text, null,
                record || jsonb_build_object('events', events, 'retainUntil', kept_until::text))
        returning id into log_id;
    insert into retention_purge (retain_until, admin_log_id, events, purged_at, site_keys)
        values (kept_until, log_id, events, now(), array(select jsonb_object_keys(record -> 'bySite')));
    return log_id;
end $$;

-- One row per purge: which admin log entry (and ledger record) redacts the events kept until a date.
create table retention_purge (
    retain_until  date         primary key,
    admin_log_id  bigint       not null,  -- no foreign key: it would stand in the way of TRUNCATE's own refusal
    events        bigint       not null,
    purged_at     timestamptz  not null,
    site_keys     text[]       not null  -- the sites that lost events, whose evidence packages show the purge
);

-- Existing events: the site's period does not exist yet, so each is kept 13 months plus the
-- longest lifetime in the current rules.
do $$
declare
    months integer := 13 + (
        select max(greatest(coalesce((r ->> 'acceptMonths')::int, 0), coalesce((r ->> 'rejectMonths')::int, 0)))
        from jurisdiction_rules j, jsonb_array_elements(j.rules -> 'regimes') r
        where j.version = (select max(version) from jurisdiction_rules));
    kept_from date;
    kept_to date;
begin
    select min(received_at), max(received_at) into kept_from, kept_to from consent_event;
    kept_from := least(coalesce(kept_from, now()), now());
    kept_to := greatest(coalesce(kept_to, now()), now());
    -- Created here under its final name's prefix; the function names partitions after consent_event.
    alter table consent_event rename to consent_event_v9;
    alter table consent_event_partitioned rename to consent_event;
    -- The existing events' months, and the months a new event may need until the retention job
    -- first runs (13 months, the shortest period a site may set, to the default plus a margin).
    perform ensure_event_partitions(
        least(date_trunc('month', kept_from) + make_interval(months => months + 1),
              date_trunc('month', now()) + interval '14 months')::date,
        (date_trunc('month', kept_to) + make_interval(months => months + 3))::date);
    insert into consent_event (event_id, site_id, visitor_id, type, document_version_ids, categories, basis, outcome,
                               country, eea, jurisdiction_source, page_url, language, user_agent, ip_prefix, gpc,
                               client_time, received_at, request_hash, region, regime, rules_version, notice_id,
                               retain_until)
        select event_id, site_id, visitor_id, type, document_version_ids, categories, basis, outcome, country, eea,
               jurisdiction_source, page_url, language, user_agent, ip_prefix, gpc, client_time, received_at,
               request_hash, region, regime, rules_version, notice_id,
               (date_trunc('month', received_at at time zone 'UTC') + make_interval(months => months + 1))::date
        from consent_event_v9 order by id;
    insert into consent_event_key (event_id, retain_until) select event_id, retain_until from consent_event;
end $$;

drop table consent_event_v9;

-- Row ids keep their order: the old rows were copied in id order, with new ids from 1.
alter table consent_event add primary key (id, retain_until);
create index consent_event_site_idx on consent_event (site_id, id);
create index consent_event_visitor_idx on consent_event (site_id, visitor_id, id);
create index consent_event_received_idx on consent_event (site_id, received_at, id);
create index consent_event_documents_idx on consent_event using gin (document_version_ids);
create index consent_event_event_id_idx on consent_event (event_id);

-- The claim on the eventId, before the row is routed to its partition. A taken eventId skips the row.
create function claim_event_key() returns trigger language plpgsql as $$
begin
    insert into consent_event_key (event_id, retain_until) values (new.event_id, new.retain_until)
        on conflict (event_id) do nothing;
    if not found then
        return null;
    end if;
    return new;
end $$;

create trigger consent_event_claim_key before insert on consent_event
    for each row execute function claim_event_key();
create trigger consent_event_to_ledger after insert on consent_event
    for each row execute function ledger_enqueue_event();
create trigger consent_event_append_only before update or delete on consent_event
    for each row execute function refuse_rewrite();
create trigger consent_event_no_truncate before truncate on consent_event
    for each statement execute function refuse_rewrite();
create trigger consent_event_unscheduled_no_truncate before truncate on consent_event_unscheduled
    for each statement execute function refuse_rewrite();
create trigger consent_event_key_append_only before update or delete on consent_event_key
    for each row execute function refuse_rewrite();
create trigger consent_event_key_no_truncate before truncate on consent_event_key
    for each statement execute function refuse_rewrite();
create trigger retention_purge_append_only before update or delete on retention_purge
    for each row execute function refuse_rewrite();
create trigger retention_purge_no_truncate before truncate on retention_purge
    for each statement execute function refuse_rewrite();
revoke update, delete, truncate on consent_event, consent_event_key, retention_purge from public;

do $$
begin
    if exists (select 1 from pg_roles where rolname = 'consent_app') then
        grant select, insert on consent_event, consent_event_key, retention_purge to consent_app;
        execute format('grant usage, select on all sequences in schema %I to consent_app', current_schema());
        grant execute on function ensure_event_partitions(date, date) to consent_app;
        grant execute on function purge_event_partition(date, bigint, jsonb, text) to consent_app;
    end if;
end $$;
